import { inject, injectable } from 'inversify';
import type { OutboxMessageFilter, OutboxMessageView, OutboxMessageWithPayload } from '../../../core/ops-console/ports.js';
import type { OutboxPayload } from '../../../core/shared/Outbox.js';
import type { OutboxStatus } from '../../../core/shared/OutboxStore.js';
import { Database } from '../Database.js';
import { rowDate } from '../sqlDate.js';
import { runStatement, selectRows } from '../selectRows.js';
import { inList } from '../sqlList.js';
import { outboxFilterSql } from './outboxFilterWhere.js';
import type { OutboxMessageRow } from './outboxModels.js';

/** What operators see of a message (the console's view, plus its lease for the CLI); the payload stays out unless asked for. */
export interface OutboxMessageSummary extends OutboxMessageView {
  readonly leaseOwner: string | null;
  readonly leaseExpiresAt: Date | null;
  readonly deliveredAt: Date | null;
}

/** A message row as a model or a driver statement reads it (SQLite's driver gives dates as text). */
export type ReadOutboxMessageRow = Omit<OutboxMessageRow, 'next_attempt_at' | 'lease_expires_at' | 'created_at' | 'updated_at' | 'delivered_at' | 'attempts'> & {
  attempts: number | string;
  next_attempt_at: Date | string;
  lease_expires_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
  delivered_at: Date | string | null;
};

const optionalDate = (value: Date | string | null) => (value === null ? null : rowDate(value));

export function summaryOf(row: ReadOutboxMessageRow): OutboxMessageSummary {
  return {
    id: row.id,
    topic: row.topic,
    partitionKey: row.partition_key,
    status: row.status,
    attempts: Number(row.attempts),
    nextAttemptAt: rowDate(row.next_attempt_at),
    leaseOwner: row.lease_owner,
    leaseExpiresAt: optionalDate(row.lease_expires_at),
    lastError: row.last_error,
    createdAt: rowDate(row.created_at),
    updatedAt: rowDate(row.updated_at),
    deliveredAt: optionalDate(row.delivered_at),
  };
}

const MESSAGE_COLUMNS = 'seq, id, topic, partition_key, payload, status, attempts, next_attempt_at, lease_owner, lease_expires_at, last_error, created_at, updated_at, delivered_at';
const LIST_SQL = `SELECT ${MESSAGE_COLUMNS} FROM outbox_messages ORDER BY seq DESC LIMIT ?`;
const LIST_OF_STATUS_SQL = `SELECT ${MESSAGE_COLUMNS} FROM outbox_messages WHERE status = ? ORDER BY seq DESC LIMIT ?`;
const FIND_SQL = `SELECT ${MESSAGE_COLUMNS} FROM outbox_messages WHERE id = ?`;
const RETRY_FAILED_BATCH = 256;
const retryFailedSql = (seqs: string) =>
  `UPDATE outbox_messages SET status = 'PENDING', attempts = 0, next_attempt_at = ?, updated_at = ? WHERE seq IN (${seqs}) AND status = 'FAILED'`;
const MAKE_PENDING_DUE_SQL = "UPDATE outbox_messages SET next_attempt_at = ?, updated_at = ? WHERE id = ? AND status = 'PENDING' AND next_attempt_at > ?";

/** The outbox as operators read and retry it: `npm run outbox` and the operations console's store. */
@injectable()
export class SequelizeOutboxOperatorQueries {
  constructor(@inject(Database) private readonly database: Database) {}

  /** SQLite has one writer: every write goes through the database's serial transaction queue. */
  private write<T>(work: () => Promise<T>): Promise<T> {
    return this.database.dialect === 'sqlite' ? this.database.inTransaction(work) : work();
  }

  /** The latest messages first, optionally of one status. */
  async list(options: { status?: OutboxStatus; limit: number }): Promise<OutboxMessageSummary[]> {
    const rows = options.status
      ? await selectRows<ReadOutboxMessageRow>(this.database, LIST_OF_STATUS_SQL, [options.status, options.limit])
      : await selectRows<ReadOutboxMessageRow>(this.database, LIST_SQL, [options.limit]);
    return rows.map(summaryOf);
  }

  /** A driver statement: inside a unit of work (a console retry) it reads on the transaction. */
  async find(id: string): Promise<(OutboxMessageSummary & OutboxMessageWithPayload) | null> {
    const [row] = await selectRows<ReadOutboxMessageRow>(this.database, FIND_SQL, [id]);
    if (!row) return null;
    return { ...summaryOf(row), payload: JSON.parse(row.payload) as OutboxPayload };
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
        // Inside the caller's unit of work: a driver statement on its transaction.
        const { conditions, values } = outboxFilterSql({ ...filter, status: 'FAILED' });
        const rows = await selectRows<{ seq: number | string }>(
          this.database,
          `SELECT seq FROM outbox_messages WHERE 1 = 1${conditions} ORDER BY seq ASC LIMIT ${RETRY_FAILED_BATCH}`,
          values,
        );
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
