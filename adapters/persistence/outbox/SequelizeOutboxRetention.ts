import { inject, injectable } from 'inversify';
import type { RetentionPurger } from '../../../core/shared/RetentionPurger.js';
import { Database } from '../Database.js';
import { runStatement, selectRows } from '../selectRows.js';
import { inList } from '../sqlList.js';

const OLDEST_DELIVERED_SQL = "SELECT seq, id FROM outbox_messages WHERE status = 'DONE' AND delivered_at < ? ORDER BY delivered_at LIMIT ?";
const attemptsOfSql = (ids: string) => `SELECT seq FROM outbox_attempts WHERE message_id IN (${ids})`;
const deleteAttemptsSql = (seqs: string) => `DELETE FROM outbox_attempts WHERE seq IN (${seqs})`;
// The status test guards against a message that changed meanwhile (it cannot: DONE is final).
const deleteMessagesSql = (seqs: string) => `DELETE FROM outbox_messages WHERE seq IN (${seqs}) AND status = 'DONE'`;

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

  constructor(@inject(Database) private readonly database: Database) {}

  purgeBatch(horizon: Date, limit: number): Promise<number> {
    return this.database.inTransaction(async () => {
      const messages = await selectRows<{ seq: number | string; id: string }>(this.database, OLDEST_DELIVERED_SQL, [horizon, limit]);
      if (messages.length === 0) return 0;
      const ids = inList(messages.map((message) => message.id));
      const attempts = await selectRows<{ seq: number | string }>(this.database, attemptsOfSql(ids.placeholders), ids.values);
      if (attempts.length > 0) {
        const seqs = inList(attempts.map((attempt) => Number(attempt.seq)));
        await runStatement(this.database, deleteAttemptsSql(seqs.placeholders), seqs.values);
      }
      const seqs = inList(messages.map((message) => Number(message.seq)));
      await runStatement(this.database, deleteMessagesSql(seqs.placeholders), seqs.values);
      return messages.length;
    }, { readCommitted: true });
  }
}
