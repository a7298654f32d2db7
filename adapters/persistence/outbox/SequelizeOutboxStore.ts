import { inject, injectable } from 'inversify';
import type { OutboxPayload } from '../../../core/shared/Outbox.js';
import type { AttemptRecord, ClaimedMessage, ClaimRequest, OutboxStore, PendingAndFailedCounts } from '../../../core/shared/OutboxStore.js';
import { Database } from '../Database.js';
import { runStatement, selectRows, type SqlParameter } from '../selectRows.js';
import { rowDate } from '../sqlDate.js';
import { inList, powerOfTwoRuns } from '../sqlList.js';
import { attemptRow } from './attemptRow.js';

const LAST_ERROR_MAX = 1000;

/**
 * A due message whose lease is free and whose partition has no earlier PENDING message:
 * so a claim takes at most the head of each partition, and a message waiting for its
 * retry holds back the ones behind it. `topics` is an `inList`.
 */
const claimableSql = (topics: string, lock: string) => `
  SELECT m.seq, m.id, m.topic, m.partition_key, m.payload, m.attempts, m.created_at
  FROM outbox_messages m
  WHERE m.status = 'PENDING'
    AND m.next_attempt_at <= ?
    AND m.topic IN (${topics})
    AND (m.lease_expires_at IS NULL OR m.lease_expires_at <= ?)
    AND NOT EXISTS (
      SELECT 1 FROM outbox_messages e
      WHERE e.topic = m.topic AND e.partition_key = m.partition_key AND e.status = 'PENDING' AND e.seq < m.seq)
  ORDER BY m.next_attempt_at, m.seq
  LIMIT ?${lock}`;

const leaseSql = (seqs: string) =>
  `UPDATE outbox_messages SET lease_owner = ?, lease_expires_at = ?, attempts = attempts + 1, updated_at = ? WHERE seq IN (${seqs})`;

/** The lease holder's own attempt, by primary key: only it may record the outcome. */
const HELD = "seq = ? AND status = 'PENDING' AND lease_owner = ? AND attempts = ?";
const OUTCOME_SQL = {
  done: `UPDATE outbox_messages SET status = 'DONE', delivered_at = ?, updated_at = ?, lease_owner = NULL, lease_expires_at = NULL WHERE ${HELD}`,
  reschedule: `UPDATE outbox_messages SET next_attempt_at = ?, last_error = ?, updated_at = ?, lease_owner = NULL, lease_expires_at = NULL WHERE ${HELD}`,
  failed: `UPDATE outbox_messages SET status = 'FAILED', last_error = ?, updated_at = ?, lease_owner = NULL, lease_expires_at = NULL WHERE ${HELD}`,
} as const;

/**
 * Several claims DONE by primary key only, so the statement locks just these rows (a lease
 * owner is cleared whenever a message leaves PENDING, so no status test is needed). Both
 * lists are padded to the same length (`inList`); a repeated condition changes nothing.
 */
const manyDoneSql = (seqs: string, held: number) =>
  `UPDATE outbox_messages SET status = 'DONE', delivered_at = ?, updated_at = ?, lease_owner = NULL, lease_expires_at = NULL
   WHERE seq IN (${seqs}) AND (${Array.from({ length: held }, () => '(seq = ? AND lease_owner = ? AND attempts = ?)').join(' OR ')})`;

const deliveredAtSql = (seqs: string) => `SELECT id FROM outbox_messages WHERE seq IN (${seqs}) AND status = 'DONE' AND delivered_at = ?`;

const ATTEMPT_COLUMNS = '(message_id, attempt, started_at, duration_ms, succeeded, http_status, response_excerpt, error)';
const insertAttemptsSql = (rows: number) =>
  `INSERT INTO outbox_attempts ${ATTEMPT_COLUMNS} VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`;

const COUNT_PENDING_AND_FAILED_SQL = "SELECT status, COUNT(*) AS n FROM outbox_messages WHERE status IN ('PENDING', 'FAILED') GROUP BY status";

interface ClaimRow {
  seq: number | string;
  id: string;
  topic: string;
  partition_key: string;
  payload: string;
  attempts: number;
  created_at: Date | string;
}

/** An outcome's attempt number and what its log keeps, for one message. */
interface AttemptLogEntry {
  readonly id: string;
  readonly attempt: number;
  readonly record: AttemptRecord | undefined;
}

/** The outbox table as its worker sees it (OutboxStore): claims under a lease, outcomes recorded while the lease holds. */
@injectable()
export class SequelizeOutboxStore implements OutboxStore {
  constructor(@inject(Database) private readonly database: Database) {}

  /** Logs attempts in the current transaction (the one recording their outcome). */
  private async logAttempts(entries: readonly AttemptLogEntry[]): Promise<void> {
    const rows = entries.flatMap((entry) => (entry.record ? [attemptRow(entry.id, entry.attempt, entry.record)] : []));
    for (const run of powerOfTwoRuns(rows)) {
      const values = run.flatMap((row) => [row.message_id, row.attempt, row.started_at, row.duration_ms, row.succeeded, row.http_status, row.response_excerpt, row.error]);
      await runStatement(this.database, insertAttemptsSql(run.length), values);
    }
  }

  /**
   * Takes the lease of up to `limit` claimable messages and counts the attempt. On MySQL the
   * rows are read with FOR UPDATE SKIP LOCKED (raw SQL: Sequelize drops skipLocked there), so
   * concurrent claimers in any process never take the same row.
   */
  async claim(request: ClaimRequest): Promise<ClaimedMessage[]> {
    if (request.topics.length === 0 || request.limit <= 0) return [];
    const lock = this.database.dialect === 'mysql' ? ' FOR UPDATE SKIP LOCKED' : '';
    const topics = inList(request.topics);
    // READ COMMITTED (MySQL): no gap locks, so a claim never blocks concurrent enqueues.
    return this.database.inTransaction(async () => {
      const rows = await selectRows<ClaimRow>(this.database, claimableSql(topics.placeholders, lock), [request.now, ...topics.values, request.now, request.limit]);
      if (rows.length === 0) return [];
      const seqs = inList(rows.map((row) => Number(row.seq)));
      await runStatement(this.database, leaseSql(seqs.placeholders), [request.owner, new Date(request.now.getTime() + request.leaseMs), request.now, ...seqs.values]);
      return rows.map((row) => ({
        seq: Number(row.seq),
        id: row.id,
        topic: row.topic,
        partitionKey: row.partition_key,
        payload: JSON.parse(row.payload) as OutboxPayload,
        attempt: row.attempts + 1,
        createdAt: rowDate(row.created_at),
        leaseOwner: request.owner,
      }));
    }, { readCommitted: true });
  }

  /**
   * Only the current lease holder may record the outcome; false when the lease was lost.
   * The attempt is logged in the same transaction, and only when the outcome is recorded.
   */
  private async finish(claim: ClaimedMessage, sql: string, values: readonly SqlParameter[], record: AttemptRecord | undefined): Promise<boolean> {
    return this.database.inTransaction(async () => {
      const { affectedRows } = await runStatement(this.database, sql, [...values, claim.seq, claim.leaseOwner, claim.attempt]);
      if (affectedRows === 1) await this.logAttempts([{ id: claim.id, attempt: claim.attempt, record }]);
      return affectedRows === 1;
    });
  }

  /**
   * Several deliveries in one statement (one commit instead of one each). Returns the ids
   * whose outcome was recorded; the others' leases were lost. `records` (by message id)
   * are logged for the recorded ones, in the same transaction.
   */
  async markManyDone(claims: readonly ClaimedMessage[], now: Date, records?: ReadonlyMap<string, AttemptRecord>): Promise<Set<string>> {
    if (claims.length === 0) return new Set();
    const [only] = claims;
    if (claims.length === 1) return new Set((await this.finish(only!, OUTCOME_SQL.done, [now, now], records?.get(only!.id))) ? [only!.id] : []);
    return this.database.inTransaction(async () => {
      const seqs = inList(claims.map((claim) => claim.seq));
      const held = inList(claims).values.flatMap((claim) => [claim.seq, claim.leaseOwner, claim.attempt]);
      const { affectedRows } = await runStatement(this.database, manyDoneSql(seqs.placeholders, seqs.values.length), [now, now, ...seqs.values, ...held]);
      let kept: Set<string>;
      if (affectedRows === claims.length) kept = new Set(claims.map((claim) => claim.id));
      else {
        // Rare: some lease was lost. Ours are the rows now DONE at exactly this time.
        const rows = await selectRows<{ id: string }>(this.database, deliveredAtSql(seqs.placeholders), [...seqs.values, now]);
        kept = new Set(rows.map((row) => row.id));
      }
      await this.logAttempts(
        claims.filter((claim) => kept.has(claim.id)).map((claim) => ({ id: claim.id, attempt: claim.attempt, record: records?.get(claim.id) })),
      );
      return kept;
    });
  }

  reschedule(claim: ClaimedMessage, nextAttemptAt: Date, error: string, now: Date, record?: AttemptRecord): Promise<boolean> {
    return this.finish(claim, OUTCOME_SQL.reschedule, [nextAttemptAt, error.slice(0, LAST_ERROR_MAX), now], record);
  }

  markFailed(claim: ClaimedMessage, error: string, now: Date, record?: AttemptRecord): Promise<boolean> {
    return this.finish(claim, OUTCOME_SQL.failed, [error.slice(0, LAST_ERROR_MAX), now], record);
  }

  /** One cheap grouped COUNT (DONE rows, the bulk of the table, are not counted). */
  async countPendingAndFailed(): Promise<PendingAndFailedCounts> {
    const rows = await selectRows<{ status: 'PENDING' | 'FAILED'; n: number | string }>(this.database, COUNT_PENDING_AND_FAILED_SQL, []);
    const count = (status: 'PENDING' | 'FAILED') => Number(rows.find((row) => row.status === status)?.n ?? 0);
    return { pending: count('PENDING'), failed: count('FAILED') };
  }
}
