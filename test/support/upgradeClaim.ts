import { Database } from '../../adapters/persistence/Database.js';
import { runStatement, selectRows } from '../../adapters/persistence/selectRows.js';
import { rowDate } from '../../adapters/persistence/sqlDate.js';

export interface UpgradeClaimRow {
  readonly status: string;
  /** Until when a decision is claimed (null: unclaimed). */
  readonly decidingUntil: Date | null;
  readonly esbTransactionId: string | null;
}

async function onItsOwnConnection<T>(databaseUrl: string, work: (database: Database) => Promise<T>): Promise<T> {
  const database = new Database({ url: databaseUrl, poolMax: 1 });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

/** A member's current EDDA check as stored, read on a connection of the test's own. */
export function upgradeClaimOf(databaseUrl: string, memberId: string): Promise<UpgradeClaimRow> {
  return onItsOwnConnection(databaseUrl, async (database) => {
    const [row] = await selectRows<{ status: string; deciding_until: Date | string | null; esb_transaction_id: string | null }>(
      database,
      'SELECT status, deciding_until, esb_transaction_id FROM edda_checks WHERE member_id = ? ORDER BY id DESC LIMIT 1',
      [memberId],
    );
    if (!row) throw new Error(`no EDDA check for ${memberId}`);
    return { status: row.status, decidingUntil: row.deciding_until === null ? null : rowDate(row.deciding_until), esbTransactionId: row.esb_transaction_id };
  });
}

/**
 * Time passing for a claim: its expiry moves to a second ago. The tests make claims long, so
 * that no restart on a loaded machine outlasts one, and end them here instead of waiting.
 */
export async function expireUpgradeClaim(databaseUrl: string, memberId: string): Promise<void> {
  const { affectedRows } = await onItsOwnConnection(databaseUrl, (database) =>
    runStatement(database, 'UPDATE edda_checks SET deciding_until = ? WHERE member_id = ? AND deciding_until IS NOT NULL', [new Date(Date.now() - 1000), memberId]),
  );
  if (affectedRows !== 1) throw new Error(`expected one claim of ${memberId} to expire, found ${affectedRows}`);
}
