import { inject, injectable } from 'inversify';
import type { WhereOptions } from 'sequelize';
import type { OutboxMessageFilter, OutboxMessageView, OutboxMessageWithPayload } from '../../../core/ops-console/ports.js';
import type { OutboxPayload } from '../../../core/shared/Outbox.js';
import type { OutboxStatus } from '../../../core/shared/OutboxStore.js';
import { Database } from '../Database.js';
import { runStatement } from '../selectRows.js';
import { inList } from '../sqlList.js';
import { outboxFilterWhere } from './outboxFilterWhere.js';
import { defineOutboxModels, type OutboxMessageRow } from './outboxModels.js';

/** What operators see of a message (the console's view, plus its lease for the CLI); the payload stays out unless asked for. */
export interface OutboxMessageSummary extends OutboxMessageView {
  readonly leaseOwner: string | null;
  readonly leaseExpiresAt: Date | null;
  readonly deliveredAt: Date | null;
}

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

const RETRY_FAILED_BATCH = 256;
const retryFailedSql = (seqs: string) =>
  `UPDATE outbox_messages SET status = 'PENDING', attempts = 0, next_attempt_at = ?, updated_at = ? WHERE seq IN (${seqs}) AND status = 'FAILED'`;
const MAKE_PENDING_DUE_SQL = "UPDATE outbox_messages SET next_attempt_at = ?, updated_at = ? WHERE id = ? AND status = 'PENDING' AND next_attempt_at > ?";

/** The outbox as operators read and retry it: `npm run outbox` and the operations console's store. */
@injectable()
export class SequelizeOutboxOperatorQueries {
  constructor(@inject(Database) private readonly database: Database) {}

  private get model() {
    return this.database.models(defineOutboxModels).OutboxMessage;
  }

  /** SQLite has one writer: every write goes through the database's serial transaction queue. */
  private write<T>(work: () => Promise<T>): Promise<T> {
    return this.database.dialect === 'sqlite' ? this.database.inTransaction(work) : work();
  }

  /** The latest messages first, optionally of one status. */
  async list(options: { status?: OutboxStatus; limit: number }): Promise<OutboxMessageSummary[]> {
    const where: WhereOptions<OutboxMessageRow> = options.status ? { status: options.status } : {};
    const rows = await this.model.findAll({ where, order: [['seq', 'DESC']], limit: options.limit });
    return rows.map((row) => summaryOf(row.get()));
  }

  async find(id: string): Promise<(OutboxMessageSummary & OutboxMessageWithPayload) | null> {
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
  async retry(id: string, now: Date): Promise<number> {
    return this.write(async () => {
      const failed = await this.retryFailed({ id }, now);
      const { affectedRows } = await runStatement(this.database, MAKE_PENDING_DUE_SQL, [now, now, id, now]);
      return failed + affectedRows;
    });
  }

  /**
   * The FAILED messages matching the filter (its status is ignored) get a fresh attempt budget
   * and are due now; returns how many. They are found a batch at a time and changed by primary
   * key, so the UPDATE takes one of a few texts whatever the filter.
   */
  async retryFailed(filter: OutboxMessageFilter, now: Date): Promise<number> {
    let changed = 0;
    for (;;) {
      const batch = await this.write(async () => {
        const rows = (await this.model.findAll({
          attributes: ['seq'],
          where: { ...outboxFilterWhere(filter), status: 'FAILED' },
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
