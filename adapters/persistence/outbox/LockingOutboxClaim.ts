import type { ClaimedMessage, ClaimRequest, OutboxStore } from '../../../core/shared/OutboxStore.js';
import type { Database } from '../Database.js';
import { runStatement, selectRows } from '../selectRows.js';
import { inList } from '../sqlList.js';
import { CLAIMED_COLUMNS, claimableSql, claimedMessage, type ClaimRow } from './claimableSql.js';

const leaseSql = (seqs: string) =>
  `UPDATE outbox_messages SET lease_owner = ?, lease_expires_at = ?, attempts = attempts + 1, updated_at = ? WHERE seq IN (${seqs})`;

/**
 * The `skip-locked` claim (and SQLite's): in one transaction, the claimable rows are read
 * and locked, then leased. On MySQL the read is FOR UPDATE SKIP LOCKED (raw SQL: Sequelize
 * drops skipLocked there), so concurrent claimers in any process never take the same row;
 * SQLite's one writer queue makes the transaction exclusive anyway.
 */
export class LockingOutboxClaim implements Pick<OutboxStore, 'claim'> {
  constructor(private readonly database: Database) {}

  async claim(request: ClaimRequest): Promise<ClaimedMessage[]> {
    const lock = this.database.dialect === 'mysql' ? ' FOR UPDATE SKIP LOCKED' : '';
    const topics = inList(request.topics);
    // READ COMMITTED (MySQL): no gap locks, so a claim never blocks concurrent enqueues.
    return this.database.inTransaction(async () => {
      const rows = await selectRows<ClaimRow>(this.database, claimableSql(CLAIMED_COLUMNS, topics.placeholders, lock), [request.now, ...topics.values, request.now, request.limit]);
      if (rows.length === 0) return [];
      const seqs = inList(rows.map((row) => Number(row.seq)));
      await runStatement(this.database, leaseSql(seqs.placeholders), [request.owner, new Date(request.now.getTime() + request.leaseMs), request.now, ...seqs.values]);
      return rows.map((row) => claimedMessage(row, row.attempts + 1, request.owner));
    }, { readCommitted: true });
  }
}
