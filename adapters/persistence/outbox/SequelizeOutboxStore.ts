import { inject, injectable } from 'inversify';
import { QueryTypes, type WhereOptions } from 'sequelize';
import type { OutboxMessageView } from '../../../core/ops-console/ports.js';
import type { NewOutboxMessage, OutboxPayload } from '../../../core/shared/Outbox.js';
import { Database } from '../Database.js';
import { rowDate, runStatement, selectRows, type SqlParameter } from '../selectRows.js';
import { inList, powerOfTwoRuns } from '../sqlList.js';
import type { AttemptRecord, ClaimedMessage, ClaimRequest, OutboxStatus, OutboxStore } from '../../../core/shared/OutboxStore.js';
import { attemptRow } from './attemptRow.js';
import { defineOutboxModels, type OutboxMessageRow } from './outboxModels.js';

/** What operators see of a message (the console's view, plus its lease for the CLI); the payload stays out unless asked for. */
export interface OutboxMessageSummary extends OutboxMessageView {
  readonly leaseOwner: string | null;
  readonly leaseExpiresAt: Date | null;
  readonly deliveredAt: Date | null;
}

export interface OutboxMessageDetail extends OutboxMessageSummary {
  readonly payload: OutboxPayload;
}

const LAST_ERROR_MAX = 1000;

export function summaryOf(row: OutboxMessageRow): OutboxMessageSummary {
  return {
    id: row.id,
    topic: row.topic,
    partitionKey: row.partition_key,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    leaseOwner: row.lease_owner,
    leaseExpiresAt: row.lease_expires_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deliveredAt: row.delivered_at,
  };
}

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

const RETRY_FAILED_BATCH = 256;
const retryFailedSql = (seqs: string) =>
  `UPDATE outbox_messages SET status = 'PENDING', attempts = 0, next_attempt_at = ?, updated_at = ? WHERE seq IN (${seqs}) AND status = 'FAILED'`;
const MAKE_PENDING_DUE_SQL = "UPDATE outbox_messages SET next_attempt_at = ?, updated_at = ? WHERE id = ? AND status = 'PENDING' AND next_attempt_at > ?";

interface ClaimRow {
  seq: number | string;
  id: string;
  topic: string;
  partition_key: string;
  payload: string;
  attempts: number;
  created_at: Date | string;
}

/** The outbox table: enqueue, claim with a lease, record outcomes (the worker's OutboxStore), operator queries. */
@injectable()
export class SequelizeOutboxStore implements OutboxStore {
  constructor(@inject(Database) private readonly database: Database) {}

  private get model() {
    return this.database.models(defineOutboxModels).OutboxMessage;
  }

  /** Logs attempts in the current transaction (the one recording their outcome). */
  private async logAttempts(entries: ReadonlyArray<{ id: string; attempt: number; record: AttemptRecord | undefined }>): Promise<void> {
    const rows = entries.flatMap((entry) => (entry.record ? [attemptRow(entry.id, entry.attempt, entry.record)] : []));
    for (const run of powerOfTwoRuns(rows)) {
      const values = run.flatMap((row) => [row.message_id, row.attempt, row.started_at, row.duration_ms, row.succeeded, row.http_status, row.response_excerpt, row.error]);
      await runStatement(this.database, insertAttemptsSql(run.length), values);
    }
  }

  /**
   * A time for a raw-SQL replacement, as the models store it. (Sequelize escapes a Date for
   * MySQL without its milliseconds, which would hold a due message back for up to a second.)
   */
  sqlTime(date: Date): Date | string {
    return this.database.dialect === 'mysql' ? date.toISOString().replace('T', ' ').replace('Z', '') : date;
  }

  /** SQLite has one writer: every write goes through the database's serial transaction queue. */
  private write<T>(work: () => Promise<T>): Promise<T> {
    return this.database.dialect === 'sqlite' ? this.database.inTransaction(work) : work();
  }

  /** Inserts in the current unit of work (the caller's transaction, if any). */
  async insert(id: string, message: NewOutboxMessage, now: Date): Promise<void> {
    await this.model.create(
      {
        id,
        topic: message.topic,
        partition_key: message.partitionKey,
        payload: JSON.stringify(message.payload),
        status: 'PENDING',
        attempts: 0,
        next_attempt_at: now,
        lease_owner: null,
        lease_expires_at: null,
        last_error: null,
        created_at: now,
        updated_at: now,
        delivered_at: null,
      },
      this.database.queryOptions(),
    );
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
  private async finish(claim: ClaimedMessage, sql: string, values: readonly SqlParameter[], attempt: AttemptRecord | undefined): Promise<boolean> {
    return this.database.inTransaction(async () => {
      const { affectedRows } = await runStatement(this.database, sql, [...values, claim.seq, claim.leaseOwner, claim.attempt]);
      if (affectedRows === 1) await this.logAttempts([{ id: claim.id, attempt: claim.attempt, record: attempt }]);
      return affectedRows === 1;
    });
  }

  markDone(claim: ClaimedMessage, now: Date, attempt?: AttemptRecord): Promise<boolean> {
    return this.finish(claim, OUTCOME_SQL.done, [now, now], attempt);
  }

  /**
   * Several deliveries in one statement (one commit instead of one each). Returns the ids
   * whose outcome was recorded; the others' leases were lost. `attempts` (by message id)
   * are logged for the recorded ones, in the same transaction.
   */
  async markManyDone(claims: readonly ClaimedMessage[], now: Date, attempts?: ReadonlyMap<string, AttemptRecord>): Promise<Set<string>> {
    if (claims.length === 0) return new Set();
    if (claims.length === 1) return new Set((await this.markDone(claims[0]!, now, attempts?.get(claims[0]!.id))) ? [claims[0]!.id] : []);
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
        claims.filter((claim) => kept.has(claim.id)).map((claim) => ({ id: claim.id, attempt: claim.attempt, record: attempts?.get(claim.id) })),
      );
      return kept;
    });
  }

  reschedule(claim: ClaimedMessage, nextAttemptAt: Date, error: string, now: Date, attempt?: AttemptRecord): Promise<boolean> {
    return this.finish(claim, OUTCOME_SQL.reschedule, [nextAttemptAt, error.slice(0, LAST_ERROR_MAX), now], attempt);
  }

  markFailed(claim: ClaimedMessage, error: string, now: Date, attempt?: AttemptRecord): Promise<boolean> {
    return this.finish(claim, OUTCOME_SQL.failed, [error.slice(0, LAST_ERROR_MAX), now], attempt);
  }

  /** Messages per status, for the metrics scrape (one cheap grouped COUNT). */
  async countByStatus(): Promise<Record<OutboxStatus, number>> {
    const rows = await this.database.sequelize.query<{ status: OutboxStatus; n: number | string }>(
      `SELECT status, COUNT(*) AS n FROM outbox_messages WHERE status IN ('PENDING', 'FAILED') GROUP BY status`,
      { type: QueryTypes.SELECT },
    );
    const counts: Record<OutboxStatus, number> = { PENDING: 0, DONE: 0, FAILED: 0 };
    for (const row of rows) counts[row.status] = Number(row.n);
    return counts;
  }

  /** The latest messages first, optionally of one status. */
  async list(options: { status?: OutboxStatus; limit: number }): Promise<OutboxMessageSummary[]> {
    const where: WhereOptions<OutboxMessageRow> = options.status ? { status: options.status } : {};
    const rows = await this.model.findAll({ where, order: [['seq', 'DESC']], limit: options.limit });
    return rows.map((row) => summaryOf(row.get()));
  }

  async find(id: string): Promise<OutboxMessageDetail | null> {
    const row = await this.model.findOne({ where: { id } });
    if (!row) return null;
    const data = row.get();
    return { ...summaryOf(data), payload: JSON.parse(data.payload) as OutboxPayload };
  }

  /**
   * Makes a FAILED or PENDING message due now. A FAILED one gets a fresh attempt budget; a
   * PENDING one keeps its count (and its lease, if a worker is delivering it right now).
   * Returns the number of messages changed.
   */
  async retry(now: Date, id?: string): Promise<number> {
    if (id === undefined) return this.retryFailedWhere({}, now);
    return this.write(async () => {
      const failed = await this.retryFailedWhere({ id }, now);
      const { affectedRows } = await runStatement(this.database, MAKE_PENDING_DUE_SQL, [now, now, id, now]);
      return failed + affectedRows;
    });
  }

  /**
   * The FAILED messages matching `where` get a fresh attempt budget and are due now; returns
   * how many. They are found a batch at a time and changed by primary key, so the UPDATE
   * takes one of a few texts whatever the filter.
   */
  async retryFailedWhere(where: WhereOptions<OutboxMessageRow>, now: Date): Promise<number> {
    let changed = 0;
    for (;;) {
      const batch = await this.write(async () => {
        const rows = (await this.model.findAll({
          attributes: ['seq'],
          where: { ...where, status: 'FAILED' },
          order: [['seq', 'ASC']],
          limit: RETRY_FAILED_BATCH,
          raw: true,
          ...this.database.queryOptions(),
        })) as unknown as Array<{ seq: number | string }>;
        if (rows.length === 0) return { found: 0, changed: 0 };
        const seqs = inList(rows.map((row) => Number(row.seq)));
        const { affectedRows } = await runStatement(this.database, retryFailedSql(seqs.placeholders), [now, now, ...seqs.values]);
        return { found: rows.length, changed: affectedRows };
      });
      changed += batch.changed;
      if (batch.found < RETRY_FAILED_BATCH) return changed;
    }
  }
}
