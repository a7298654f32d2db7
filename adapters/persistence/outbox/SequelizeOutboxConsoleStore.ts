import { inject, injectable } from 'inversify';
import { Op, QueryTypes, type WhereOptions } from 'sequelize';
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
import { selectRows } from '../selectRows.js';
import { rowDate } from '../sqlDate.js';
import { defineOutboxModels, type OutboxMessageRow } from './outboxModels.js';
import { outboxFilterWhere } from './outboxFilterWhere.js';
import { SequelizeOutboxOperatorQueries, summaryOf, type OutboxMessageSummary } from './SequelizeOutboxOperatorQueries.js';

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

/** The outbox as the operations console reads and retries it (SPEC 8.1). */
@injectable()
export class SequelizeOutboxConsoleStore implements OutboxConsoleStore {
  constructor(
    @inject(Database) private readonly database: Database,
    @inject(SequelizeOutboxOperatorQueries) private readonly operatorQueries: SequelizeOutboxOperatorQueries,
  ) {}

  private get models() {
    return this.database.models(defineOutboxModels);
  }

  async countsByStatusAndTopic(): Promise<OutboxStatusCount[]> {
    const rows = await this.database.sequelize.query<{ status: OutboxStatus; topic: string; n: number | string }>(
      'SELECT status, topic, COUNT(*) AS n FROM outbox_messages GROUP BY status, topic ORDER BY status, topic',
      { type: QueryTypes.SELECT },
    );
    return rows.map((row) => ({ status: row.status, topic: row.topic, count: Number(row.n) }));
  }

  async oldestPendingCreatedAt(): Promise<Date | null> {
    const [row] = await this.database.sequelize.query<{ oldest: Date | string | null }>(
      "SELECT MIN(created_at) AS oldest FROM outbox_messages WHERE status = 'PENDING'",
      { type: QueryTypes.SELECT },
    );
    return row?.oldest ? rowDate(row.oldest) : null;
  }

  async attemptsPerMinute(since: Date): Promise<AttemptMinute[]> {
    // Both dialects give 'YYYY-MM-DD HH:MM' in UTC (SQLite stores times as UTC text).
    const minute = this.database.dialect === 'mysql' ? "DATE_FORMAT(started_at, '%Y-%m-%d %H:%i')" : 'substr(started_at, 1, 16)';
    const rows = await selectRows<{ minute: string; succeeded: number | string; total: number | string }>(
      this.database,
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
    const where = outboxFilterWhere(filter);
    const conditions: WhereOptions<OutboxMessageRow>[] = [where];
    if (page.beforeId !== undefined) {
      // Keyset on (created_at, id), the order of every console index: rows after the cursor's.
      const at = await this.createdAtOf(page.beforeId);
      conditions.push({ created_at: { [Op.lte]: at } }, { [Op.or]: [{ created_at: { [Op.lt]: at } }, { id: { [Op.lt]: page.beforeId } }] });
    }
    const rows = await this.models.OutboxMessage.findAll({
      attributes: { exclude: ['payload'] },
      where: conditions.length === 1 ? where : { [Op.and]: conditions },
      order: [
        ['created_at', 'DESC'],
        ['id', 'DESC'],
      ],
      limit: page.limit,
    });
    return rows.map((row) => viewOf(summaryOf(row.get())));
  }

  /** The cursor's creation time; the time in its UUIDv7 when the message was purged meanwhile. */
  private async createdAtOf(id: string): Promise<Date> {
    const row = await this.models.OutboxMessage.findOne({ attributes: ['created_at'], where: { id } });
    return row ? row.get().created_at : new Date(parseInt(id.replace(/-/g, '').slice(0, 12), 16));
  }

  async find(id: string): Promise<OutboxMessageWithPayload | null> {
    const message = await this.operatorQueries.find(id);
    return message ? { ...viewOf(message), payload: message.payload } : null;
  }

  async attemptsOf(id: string): Promise<OutboxAttemptView[]> {
    const rows = await this.models.OutboxAttempt.findAll({ where: { message_id: id }, order: [['seq', 'ASC']] });
    return rows.map((row) => {
      const value = row.get();
      return {
        attempt: value.attempt,
        startedAt: value.started_at,
        durationMs: value.duration_ms,
        succeeded: Boolean(value.succeeded),
        httpStatus: value.http_status,
        responseExcerpt: value.response_excerpt,
        error: value.error,
      };
    });
  }

  makeDue(id: string, now: Date): Promise<number> {
    return this.operatorQueries.retry(id, now);
  }

  countFailed(filter: OutboxMessageFilter): Promise<number> {
    return this.models.OutboxMessage.count({ where: { ...outboxFilterWhere(filter), status: 'FAILED' } });
  }

  retryFailed(filter: OutboxMessageFilter, now: Date): Promise<number> {
    return this.operatorQueries.retryFailed(filter, now);
  }
}
