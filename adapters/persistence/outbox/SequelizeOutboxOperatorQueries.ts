import { inject, injectable } from 'inversify';
import type { OutboxMessageFilter, OutboxMessageWithPayload } from '../../../core/ops-console/ports.js';
import type { OutboxPayload } from '../../../core/shared/Outbox.js';
import type { OutboxStatus } from '../../../core/shared/OutboxStore.js';
import { Database } from '../Database.js';
import { runStatement, selectRows } from '../selectRows.js';
import { inList } from '../sqlList.js';
import { outboxFilterSql, whereOf } from './outboxFilterSql.js';
import { SUMMARY_COLUMNS, summaryOf, type OutboxMessageSummary, type SummaryRow } from './outboxMessageSummary.js';

const RETRY_FAILED_BATCH = 256;
const retryFailedSql = (seqs: string) =>
  `UPDATE outbox_messages SET status = 'PENDING', attempts = 0, next_attempt_at = ?, updated_at = ? WHERE seq IN (${seqs}) AND status = 'FAILED'`;
const MAKE_PENDING_DUE_SQL = "UPDATE outbox_messages SET next_attempt_at = ?, updated_at = ? WHERE id = ? AND status = 'PENDING' AND next_attempt_at > ?";
const FIND_SQL = `SELECT ${SUMMARY_COLUMNS}, payload FROM outbox_messages WHERE id = ?`;

/**
 * The outbox as operators read and retry it: `npm run outbox` and the operations console's store.
 * The reads outside a unit of work go to a usable read replica (`database.replicas`); inside
 * one (a retry's own checks) they stay on its transaction, on the primary.
 */
@injectable()
export class SequelizeOutboxOperatorQueries {
  constructor(@inject(Database) private readonly database: Database) {}

  /** SQLite has one writer: every write goes through the database's serial transaction queue. */
  private write<T>(work: () => Promise<T>): Promise<T> {
    return this.database.dialect === 'sqlite' ? this.database.inTransaction(work) : work();
  }

  /** The latest messages first, optionally of one status. */
  async list(options: { status?: OutboxStatus; limit: number }): Promise<OutboxMessageSummary[]> {
    const where = options.status ? ' WHERE status = ?' : '';
    const rows = await selectRows<SummaryRow>(
      this.database,
      `SELECT ${SUMMARY_COLUMNS} FROM outbox_messages${where} ORDER BY seq DESC LIMIT ?`,
      [...(options.status ? [options.status] : []), options.limit],
      { readFrom: 'replica' },
    );
    return rows.map(summaryOf);
  }

  async find(id: string): Promise<(OutboxMessageSummary & OutboxMessageWithPayload) | null> {
    const [row] = await selectRows<SummaryRow & { payload: string }>(this.database, FIND_SQL, [id], { readFrom: 'replica' });
    return row ? { ...summaryOf(row), payload: JSON.parse(row.payload) as OutboxPayload } : null;
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
   * key, so the UPDATE takes one of a few texts whatever the filter. The batch is read on the
   * primary (in the write's transaction when there is one): a replica would still show the rows
   * just changed as FAILED, and the loop would find them again.
   */
  async retryFailed(filter: OutboxMessageFilter, now: Date): Promise<number> {
    const { conditions, parameters } = outboxFilterSql({ ...filter, status: 'FAILED' });
    const batchSql = `SELECT seq FROM outbox_messages${whereOf(conditions)} ORDER BY seq LIMIT ?`;
    let changed = 0;
    for (;;) {
      const batch = await this.write(async () => {
        const rows = await selectRows<{ seq: number | string }>(this.database, batchSql, [...parameters, RETRY_FAILED_BATCH]);
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
