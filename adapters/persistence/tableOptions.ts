/**
 * The one character set and collation of Midplat's tables on MySQL and MariaDB (SQLite
 * stores text as UTF-8 whatever it is told). Without them a table takes the server's
 * default, which is latin1 on MariaDB as its authors ship it: no Chinese name could be stored.
 * - utf8mb4: every Unicode character; utf8 (utf8mb3) cannot hold 𠮷 or any other astral one.
 * - utf8mb4_bin: ids, phones and keys match exactly (no case or accent folding, 'A1' ≠ 'a1'),
 *   and it is the same collation under the same name on MySQL 8 and MariaDB, whose defaults differ.
 */
export const TABLE_CHARSET = 'utf8mb4';
export const TABLE_COLLATION = 'utf8mb4_bin';

/** Every migration creates its tables with these: `queryInterface.createTable(name, columns, TABLE_OPTIONS)`. */
export const TABLE_OPTIONS = Object.freeze({ charset: TABLE_CHARSET, collate: TABLE_COLLATION });
