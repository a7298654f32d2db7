/**
 * A date column's text as a database gives it: MySQL's `YYYY-MM-DD HH:mm:ss[.ffffff]` (read
 * with dateStrings) or what Sequelize writes to SQLite (the same plus ` +00:00`); both UTC.
 * Milliseconds are kept, finer digits dropped.
 */
export function dateOfSqlText(text: string): Date {
  const parts = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?/.exec(text);
  if (!parts) throw new Error(`not a SQL date-time: ${text.slice(0, 40)}`);
  return new Date(`${parts[1]}T${parts[2]}.${(parts[3] ?? '0').slice(0, 3).padEnd(3, '0')}Z`);
}

/** A date column as a driver-level read returns it: a Date (mysql2), or text (SQLite, MySQL with dateStrings). */
export function rowDate(value: Date | string): Date {
  return value instanceof Date ? value : dateOfSqlText(value);
}

/** A nullable date column as a driver-level read returns it (see `rowDate`). */
export function optionalRowDate(value: Date | string | null): Date | null {
  return value === null ? null : rowDate(value);
}

/** A Date as Sequelize writes it to SQLite, so rows written on the driver read back the same through its models. */
export function sqliteDateText(date: Date): string {
  return `${date.toISOString().replace('T', ' ').replace('Z', '')} +00:00`;
}
