import type { NewOutboxMessage } from '../../../core/shared/Outbox.js';
import type { Database } from '../Database.js';
import { runStatement } from '../selectRows.js';

/** A new PENDING message due at once; parameters `outboxMessageValues`. Also run by the least-work bench pipeline, which must write the same rows. */
export const INSERT_OUTBOX_MESSAGE_SQL =
  'INSERT INTO outbox_messages (id, topic, partition_key, payload, status, attempts, next_attempt_at, created_at, updated_at) ' +
  "VALUES (?, ?, ?, ?, 'PENDING', 0, ?, ?, ?)";

/** The parameters of INSERT_OUTBOX_MESSAGE_SQL. */
export function outboxMessageValues(id: string, message: NewOutboxMessage, now: Date): [string, string, string, string, Date, Date, Date] {
  return [id, message.topic, message.partitionKey, JSON.stringify(message.payload), now, now, now];
}

/** A new PENDING message, due at `now`, in the current unit of work (the caller's transaction, if any): for enqueues and fixtures. */
export async function insertOutboxMessage(database: Database, id: string, message: NewOutboxMessage, now: Date): Promise<void> {
  await runStatement(database, INSERT_OUTBOX_MESSAGE_SQL, outboxMessageValues(id, message, now));
}
