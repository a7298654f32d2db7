import { QueryTypes, type Sequelize } from 'sequelize';
import { waitFor } from './waitFor.js';

/**
 * MariaDB: until a statement whose text is LIKE `pattern` has been running in this database
 * for half a second. On a test's few rows such a statement takes microseconds, so it is
 * waiting for a lock. (The processlist, not innodb_trx: MariaDB 10.11 at times reports such
 * a waiting transaction as RUNNING. A prepared statement shows as `Execute`.)
 */
export async function waitForLockWait(sequelize: Sequelize, pattern: string, what: string): Promise<void> {
  await waitFor(what, async () => {
    const rows = await sequelize.query<{ n: number | string }>(
      "SELECT COUNT(*) AS n FROM information_schema.processlist WHERE db = DATABASE() AND command IN ('Query', 'Execute') AND info LIKE $1 AND time_ms >= 500",
      { type: QueryTypes.SELECT, bind: [pattern] },
    );
    return Number(rows[0]!.n) > 0;
  });
}
