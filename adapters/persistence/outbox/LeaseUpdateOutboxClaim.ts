import { randomBytes } from 'node:crypto';
import type { ClaimedMessage, ClaimRequest, OutboxStore } from '../../../core/shared/OutboxStore.js';
import type { Database } from '../Database.js';
import { runStatement, selectRows } from '../selectRows.js';
import { inList } from '../sqlList.js';
import { CLAIMED_COLUMNS, claimableSql, claimedMessage, type ClaimRow } from './claimableSql.js';

/** outbox_messages.lease_owner's width. */
const LEASE_OWNER_MAX = 64;

/**
 * Takes the leases of the candidates still free: every condition that can change after
 * the candidates were read (status, due time, lease) is tested again on the row's current
 * version, under its row lock, so of two claimers only the first to update a row takes it.
 * (MySQL refuses a subquery on the updated table, so the partition rule stays in the read.)
 */
const takeLeasesSql = (seqs: string) => `
  UPDATE outbox_messages SET lease_owner = ?, lease_expires_at = ?, attempts = attempts + 1, updated_at = ?
  WHERE seq IN (${seqs})
    AND status = 'PENDING'
    AND next_attempt_at <= ?
    AND (lease_expires_at IS NULL OR lease_expires_at <= ?)`;

/** The rows this claim won: its token is unique to it, so nothing another claim took is read. */
const wonSql = (seqs: string) => `SELECT ${CLAIMED_COLUMNS} FROM outbox_messages m WHERE m.seq IN (${seqs}) AND m.lease_owner = ? ORDER BY m.seq`;

/**
 * The `lease-update` claim (SPEC 9), correct on every MySQL-compatible engine without
 * row-lock skipping (TiDB parses FOR UPDATE SKIP LOCKED and takes no lock): a plain read
 * of the claimable heads, a conditional UPDATE that takes the leases still free, then a
 * read of the rows won, each statement on its own (no transaction held across them).
 * Per-partition order holds as in the other claim: only a partition's head is a candidate,
 * a head stays the head until it leaves PENDING, and the UPDATE gives it to one claimer.
 */
export class LeaseUpdateOutboxClaim implements Pick<OutboxStore, 'claim'> {
  constructor(private readonly database: Database) {}

  async claim(request: ClaimRequest): Promise<ClaimedMessage[]> {
    const topics = inList(request.topics);
    // Exactly `limit` candidates: a racing claimer may win some of them (it finds others next
    // time); reading more would cost every claim more than those races do (bench: outbox).
    const candidates = await selectRows<{ seq: number | string }>(this.database, claimableSql('m.seq', topics.placeholders), [request.now, ...topics.values, request.now, request.limit]);
    if (candidates.length === 0) return [];
    const seqs = inList(candidates.map((row) => Number(row.seq)));
    const token = `${request.owner.slice(0, LEASE_OWNER_MAX - 17)}/${randomBytes(8).toString('hex')}`;
    const leaseExpiresAt = new Date(request.now.getTime() + request.leaseMs);
    const { affectedRows } = await runStatement(this.database, takeLeasesSql(seqs.placeholders), [
      token, leaseExpiresAt, request.now, ...seqs.values, request.now, request.now,
    ]);
    if (affectedRows === 0) return [];
    const won = await selectRows<ClaimRow>(this.database, wonSql(seqs.placeholders), [...seqs.values, token]);
    // attempts was counted by the UPDATE: the row holds this attempt's number.
    return won.map((row) => claimedMessage(row, row.attempts, token));
  }
}
