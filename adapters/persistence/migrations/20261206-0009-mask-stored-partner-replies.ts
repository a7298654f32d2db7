import { maskPiiText } from '../../logging/maskPiiText.js';
import type { Database } from '../Database.js';
import { responseExcerpt } from '../outbox/attemptRow.js';
import { runStatement, selectRows, type SqlParameter } from '../selectRows.js';

const BATCH = 500;

/** A partner's text column and how much of it the column holds (masking may lengthen a value by two characters). */
interface TextColumn {
  readonly name: string;
  readonly fit: (text: string) => string;
}

const EXCERPT: TextColumn = { name: 'response_excerpt', fit: responseExcerpt };
const ERROR: TextColumn = { name: 'error', fit: (text) => text.slice(0, 1000) };
const LAST_ERROR: TextColumn = { name: 'last_error', fit: (text) => text.slice(0, 1000) };

/** Masks the given columns of every row, a batch at a time by `seq`; rows the masker leaves as they are are not written. */
async function maskColumns(database: Database, table: string, columns: readonly TextColumn[]): Promise<number> {
  const names = columns.map((column) => column.name);
  const select = `SELECT seq, ${names.join(', ')} FROM ${table} WHERE seq > ? ORDER BY seq LIMIT ${BATCH}`;
  const update = `UPDATE ${table} SET ${names.map((name) => `${name} = ?`).join(', ')} WHERE seq = ?`;
  let changed = 0;
  for (let after = 0; ; ) {
    const rows = await selectRows<Record<string, SqlParameter>>(database, select, [after]);
    for (const row of rows) {
      const before = names.map((name) => row[name] ?? null);
      const masked = columns.map((column, index) => (typeof before[index] === 'string' ? column.fit(maskPiiText(before[index])) : before[index]!));
      if (masked.every((value, index) => value === before[index])) continue;
      await runStatement(database, update, [...masked, row.seq!]);
      changed += 1;
    }
    if (rows.length < BATCH) return changed;
    after = Number(rows[rows.length - 1]!.seq);
  }
}

/**
 * Replies and errors of partners were stored as they came (SPEC 8.1 now has them masked before
 * they are stored): the attempt log and the messages' last errors written before this release
 * are masked in place, with the masker the worker now uses. There is no way back (down does nothing).
 */
export async function up(_queryInterface: unknown, database: Database): Promise<void> {
  await maskColumns(database, 'outbox_attempts', [EXCERPT, ERROR]);
  await maskColumns(database, 'outbox_messages', [LAST_ERROR]);
}

export async function down(): Promise<void> {
  // Masked values cannot be unmasked.
}
