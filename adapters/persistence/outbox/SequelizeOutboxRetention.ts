import { inject, injectable } from 'inversify';
import { QueryTypes } from 'sequelize';
import type { RetentionPurger } from '../../../core/shared/RetentionPurger.js';
import { Database } from '../Database.js';
import { SequelizeOutboxStore } from './SequelizeOutboxStore.js';

/**
 * Delivered (DONE) messages older than the horizon, and their attempts, a batch at a time.
 * FAILED and PENDING messages are never purged. Rows are found by a plain (non-locking)
 * read and deleted by primary key in a READ COMMITTED transaction, so the only locks taken
 * are on the rows that go: no range or (inherited) gap lock that could hold back a claim, an
 * enqueue or an outcome being recorded.
 */
@injectable()
export class SequelizeOutboxRetention implements RetentionPurger {
  readonly name = 'outbox';

  constructor(
    @inject(Database) private readonly database: Database,
    @inject(SequelizeOutboxStore) private readonly store: SequelizeOutboxStore,
  ) {}

  purgeBatch(horizon: Date, limit: number): Promise<number> {
    return this.database.inTransaction(async () => {
      const { transaction } = this.database.queryOptions();
      const query = this.database.sequelize;
      const messages = await query.query<{ seq: number | string; id: string }>(
        "SELECT seq, id FROM outbox_messages WHERE status = 'DONE' AND delivered_at < :horizon ORDER BY delivered_at LIMIT :limit",
        { replacements: { horizon: this.store.sqlTime(horizon), limit }, type: QueryTypes.SELECT, transaction },
      );
      if (messages.length === 0) return 0;
      const attempts = await query.query<{ seq: number | string }>('SELECT seq FROM outbox_attempts WHERE message_id IN (:ids)', {
        replacements: { ids: messages.map((message) => message.id) },
        type: QueryTypes.SELECT,
        transaction,
      });
      if (attempts.length > 0) {
        await query.query('DELETE FROM outbox_attempts WHERE seq IN (:seqs)', { replacements: { seqs: attempts.map((a) => Number(a.seq)) }, transaction });
      }
      // The status test guards against a message that changed meanwhile (it cannot: DONE is final).
      await query.query("DELETE FROM outbox_messages WHERE seq IN (:seqs) AND status = 'DONE'", {
        replacements: { seqs: messages.map((message) => Number(message.seq)) },
        transaction,
      });
      return messages.length;
    }, { readCommitted: true });
  }
}
