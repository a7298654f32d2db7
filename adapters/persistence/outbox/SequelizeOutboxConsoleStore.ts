import { inject, injectable } from 'inversify';
import type {
  AttemptMinute,
  OutboxAttemptView,
  OutboxConsoleStore,
  OutboxMessageFilter,
  OutboxMessageView,
  OutboxMessageWithPayload,
  OutboxStatusCount,
} from '../../../core/ops-console/ports.js';
import type { OutboxStatus } from '../../../core/shared/OutboxStore.js';
import { Database } from '../Database.js';
import { selectRows, type SelectParameter } from '../selectRows.js';
import { rowDate } from '../sqlDate.js';
import { outboxFilterSql, whereOf } from './outboxFilterSql.js';
import { SUMMARY_COLUMNS, summaryOf, type OutboxMessageSummary, type SummaryRow } from './outboxMessageSummary.js';
import { SequelizeOutboxOperatorQueries } from './SequelizeOutboxOperatorQueries.js';

const COUNTS_SQL = 'SELECT status, topic, COUNT(*) AS n FROM outbox_messages GROUP BY status, topic ORDER BY status, topic';
const OLDEST_PENDING_SQL = "SELECT MIN(created_at) AS oldest FROM outbox_messages WHERE status = 'PENDING'";
const CREATED_AT_SQL = 'SELECT created_at FROM outbox_messages WHERE id = ?';
const ATTEMPTS_SQL =
  'SELECT attempt, started_at, duration_ms, succeeded, http_status, response_excerpt, error FROM outbox_attempts WHERE message_id = ? ORDER BY seq';

interface AttemptRow {
  attempt: number | string;
  started_at: Date | string;
  duration_ms: number | string;
  succeeded: boolean | number;
  http_status: number | null;
  response_excerpt: string | null;
  error: string | null;
}

function viewOf(message: OutboxMessageSummary): OutboxMessageView {
  return {
    id: message.id,
    topic: message.topic,
    partitionKey: message.partitionKey,
    status: message.status,
    attempts: message.attempts,
    nextAttemptAt: message.nextAttemptAt,
    lastError: message.lastError,
    createdAt: message.createdAt,
    updatedAt: message.updatedAt,
  };
}

/**
 * The outbox as the operations console reads and retries it (SPEC 8.1). Its reads go to a
 * usable read replica (`database.replicas`) when outside a unit of work; the retries, and the
 * reads of a retry's unit of work, stay on the primary.
 */
@injectable()
export class SequelizeOutboxConsoleStore implements OutboxConsoleStore {
  constructor(
    @inject(Database) private readonly database: Database,
    @inject(SequelizeOutboxOperatorQueries) private readonly operatorQueries: SequelizeOutboxOperatorQueries,
  ) {}

  private select<Row extends object>(sql: string, parameters: readonly SelectParameter[]): Promise<Row[]> {
    return selectRows<Row>(this.database, sql, parameters, { readFrom: 'replica' });
  }

  async countsByStatusAndTopic(): Promise<OutboxStatusCount[]> {
    const rows = await this.select<{ status: OutboxStatus; topic: string; n: number | string }>(COUNTS_SQL, []);
    return rows.map((row) => ({ status: row.status, topic: row.topic, count: Number(row.n) }));
  }

  async oldestPendingCreatedAt(): Promise<Date | null> {
    const [row] = await this.select<{ oldest: Date | string | null }>(OLDEST_PENDING_SQL, []);
    return row?.oldest ? rowDate(row.oldest) : null;
  }

  async attemptsPerMinute(since: Date): Promise<AttemptMinute[]> {
    // Both dialects give 'YYYY-MM-DD HH:MM' in UTC (SQLite stores times as UTC text).
    const minute = this.database.dialect === 'mysql' ? "DATE_FORMAT(started_at, '%Y-%m-%d %H:%i')" : 'substr(started_at, 1, 16)';
    const rows = await this.select<{ minute: string; succeeded: number | string; total: number | string }>(
      `SELECT ${minute} AS minute, SUM(succeeded) AS succeeded, COUNT(*) AS total
       FROM outbox_attempts WHERE started_at >= ? GROUP BY ${minute} ORDER BY minute`,
      [since],
    );
    return rows.map((row) => ({
      minute: new Date(`${row.minute.replace(' ', 'T')}:00Z`),
      succeeded: Number(row.succeeded),
      failed: Number(row.total) - Number(row.succeeded),
    }));
  }

  async search(filter: OutboxMessageFilter, page: { readonly limit: number; readonly beforeId?: string }): Promise<OutboxMessageView[]> {
    const { conditions, parameters } = outboxFilterSql(filter);
    const keyset: string[] = [];
    const keysetParameters: SelectParameter[] = [];
    if (page.beforeId !== undefined) {
      // Keyset on (created_at, id), the order of every console index: rows after the cursor's.
      const at = await this.createdAtOf(page.beforeId);
      keyset.push('created_at <= ?', '(created_at < ? OR id < ?)');
      keysetParameters.push(at, at, page.beforeId);
    }
    const rows = await this.select<SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM outbox_messages${whereOf([...conditions, ...keyset])} ORDER BY created_at DESC, id DESC LIMIT ?`,
      [...parameters, ...keysetParameters, page.limit],
    );
    return rows.map((row) => viewOf(summaryOf(row)));
  }

  /** The cursor's creation time; the time in its UUIDv7 when the message was purged meanwhile. */
  private async createdAtOf(id: string): Promise<Date> {
    const [row] = await this.select<{ created_at: Date | string }>(CREATED_AT_SQL, [id]);
    return row ? rowDate(row.created_at) : new Date(parseInt(id.replace(/-/g, '').slice(0, 12), 16));
  }

  async find(id: string): Promise<OutboxMessageWithPayload | null> {
    const message = await this.operatorQueries.find(id);
    return message ? { ...viewOf(message), payload: message.payload } : null;
  }

  async attemptsOf(id: string): Promise<OutboxAttemptView[]> {
    const rows = await this.select<AttemptRow>(ATTEMPTS_SQL, [id]);
    return rows.map((row) => ({
      attempt: Number(row.attempt),
      startedAt: rowDate(row.started_at),
      durationMs: Number(row.duration_ms),
      succeeded: Boolean(row.succeeded),
      httpStatus: row.http_status === null ? null : Number(row.http_status),
      responseExcerpt: row.response_excerpt,
      error: row.error,
    }));
  }

  makeDue(id: string, now: Date): Promise<number> {
    return this.operatorQueries.retry(id, now);
  }

  /** The dry run of "Retry all failed": the count the operator confirms (the retry itself counts on the primary). */
  async countFailed(filter: OutboxMessageFilter): Promise<number> {
    const { conditions, parameters } = outboxFilterSql({ ...filter, status: 'FAILED' });
    const [row] = await this.select<{ n: number | string }>(`SELECT COUNT(*) AS n FROM outbox_messages${whereOf(conditions)}`, parameters);
    return Number(row?.n ?? 0);
  }

  retryFailed(filter: OutboxMessageFilter, now: Date): Promise<number> {
    return this.operatorQueries.retryFailed(filter, now);
  }
}
