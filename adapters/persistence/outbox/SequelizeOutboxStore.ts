import { inject, injectable } from 'inversify';
import { Op, QueryTypes, Transaction, type WhereOptions } from 'sequelize';
import type { OutboxMessageView } from '../../../core/ops-console/ports.js';
import type { NewOutboxMessage, OutboxPayload } from '../../../core/shared/Outbox.js';
import { Database } from '../Database.js';
import { rowDate } from '../selectRows.js';
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
 * retry holds back the ones behind it.
 */
const CLAIMABLE = `
  FROM outbox_messages m
  WHERE m.status = 'PENDING'
    AND m.next_attempt_at <= :now
    AND m.topic IN (:topics)
    AND (m.lease_expires_at IS NULL OR m.lease_expires_at <= :now)
    AND NOT EXISTS (
      SELECT 1 FROM outbox_messages e
      WHERE e.topic = m.topic AND e.partition_key = m.partition_key AND e.status = 'PENDING' AND e.seq < m.seq)
  ORDER BY m.next_attempt_at, m.seq
  LIMIT :limit`;

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

  private get attempts() {
    return this.database.models(defineOutboxModels).OutboxAttempt;
  }

  /** Logs attempts in the current transaction (the one recording their outcome). */
  private async logAttempts(entries: ReadonlyArray<{ id: string; attempt: number; record: AttemptRecord | undefined }>): Promise<void> {
    const rows = entries.flatMap((entry) => (entry.record ? [attemptRow(entry.id, entry.attempt, entry.record)] : []));
    if (rows.length > 0) await this.attempts.bulkCreate(rows, this.database.queryOptions());
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
    const claimIn = async (transaction: Transaction): Promise<ClaimedMessage[]> => {
      const lock = this.database.dialect === 'mysql' ? ' FOR UPDATE SKIP LOCKED' : '';
      const rows = await this.database.sequelize.query<ClaimRow>(
        `SELECT m.seq, m.id, m.topic, m.partition_key, m.payload, m.attempts, m.created_at ${CLAIMABLE}${lock}`,
        {
          replacements: { now: this.sqlTime(request.now), topics: [...request.topics], limit: request.limit },
          type: QueryTypes.SELECT,
          transaction,
        },
      );
      if (rows.length === 0) return [];
      const seqs = rows.map((row) => Number(row.seq));
      await this.model.update(
        {
          lease_owner: request.owner,
          lease_expires_at: new Date(request.now.getTime() + request.leaseMs),
          attempts: this.database.sequelize.literal('attempts + 1') as unknown as number,
          updated_at: request.now,
        },
        { where: { seq: seqs }, transaction },
      );
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
    };
    // READ COMMITTED (MySQL): no gap locks, so a claim never blocks concurrent enqueues.
    return this.database.inTransaction(() => claimIn(this.database.currentTransaction()!), { readCommitted: true });
  }

  /**
   * Only the current lease holder may record the outcome; false when the lease was lost.
   * The attempt is logged in the same transaction, and only when the outcome is recorded.
   */
  private async finish(claim: ClaimedMessage, changes: Partial<OutboxMessageRow>, attempt: AttemptRecord | undefined): Promise<boolean> {
    return this.database.inTransaction(async () => {
      const [count] = await this.model.update(
        { ...changes, lease_owner: null, lease_expires_at: null },
        {
          where: { seq: claim.seq, status: 'PENDING', lease_owner: claim.leaseOwner, attempts: claim.attempt },
          ...this.database.queryOptions(),
        },
      );
      if (count === 1) await this.logAttempts([{ id: claim.id, attempt: claim.attempt, record: attempt }]);
      return count === 1;
    });
  }

  markDone(claim: ClaimedMessage, now: Date, attempt?: AttemptRecord): Promise<boolean> {
    return this.finish(claim, { status: 'DONE', delivered_at: now, updated_at: now }, attempt);
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
      const options = this.database.queryOptions();
      const [count] = await this.model.update(
        { status: 'DONE', delivered_at: now, updated_at: now, lease_owner: null, lease_expires_at: null },
        {
          where: {
            // By primary key only, so the statement locks just these rows (a lease owner is
            // cleared whenever a message leaves PENDING, so no status test is needed).
            seq: claims.map((claim) => claim.seq),
            [Op.or]: claims.map((claim) => ({ seq: claim.seq, lease_owner: claim.leaseOwner, attempts: claim.attempt })),
          },
          ...options,
        },
      );
      let kept: Set<string>;
      if (count === claims.length) kept = new Set(claims.map((claim) => claim.id));
      else {
        // Rare: some lease was lost. Ours are the rows now DONE at exactly this time.
        const rows = await this.model.findAll({
          attributes: ['id'],
          where: { seq: claims.map((claim) => claim.seq), status: 'DONE', delivered_at: now },
          ...options,
        });
        kept = new Set(rows.map((row) => row.get('id') as string));
      }
      await this.logAttempts(
        claims.filter((claim) => kept.has(claim.id)).map((claim) => ({ id: claim.id, attempt: claim.attempt, record: attempts?.get(claim.id) })),
      );
      return kept;
    });
  }

  reschedule(claim: ClaimedMessage, nextAttemptAt: Date, error: string, now: Date, attempt?: AttemptRecord): Promise<boolean> {
    return this.finish(claim, { next_attempt_at: nextAttemptAt, last_error: error.slice(0, LAST_ERROR_MAX), updated_at: now }, attempt);
  }

  markFailed(claim: ClaimedMessage, error: string, now: Date, attempt?: AttemptRecord): Promise<boolean> {
    return this.finish(claim, { status: 'FAILED', last_error: error.slice(0, LAST_ERROR_MAX), updated_at: now }, attempt);
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
    const scope: WhereOptions<OutboxMessageRow> = id === undefined ? {} : { id };
    return this.write(async () => {
      const failed = await this.retryFailedWhere(scope, now);
      if (id === undefined) return failed;
      const [pending] = await this.model.update(
        { next_attempt_at: now, updated_at: now },
        { where: { ...scope, status: 'PENDING', next_attempt_at: { [Op.gt]: now } }, ...this.database.queryOptions() },
      );
      return failed + pending;
    });
  }

  /** The FAILED messages matching `where` get a fresh attempt budget and are due now; returns how many. */
  async retryFailedWhere(where: WhereOptions<OutboxMessageRow>, now: Date): Promise<number> {
    return this.write(async () => {
      const [count] = await this.model.update(
        { status: 'PENDING', attempts: 0, next_attempt_at: now, updated_at: now },
        { where: { ...where, status: 'FAILED' }, ...this.database.queryOptions() },
      );
      return count;
    });
  }
}
