import type { NewOutboxMessage } from '../../../core/shared/Outbox.js';
import type { Database } from '../Database.js';
import { runStatement } from '../selectRows.js';

const INSERT_SQL =
  'INSERT INTO outbox_messages (id, topic, partition_key, payload, status, attempts, next_attempt_at, created_at, updated_at) ' +
  "VALUES (?, ?, ?, ?, 'PENDING', 0, ?, ?, ?)";

/** A new PENDING message, due at `now`, in the current unit of work (the caller's transaction, if any): for enqueues and fixtures. */
export async function insertOutboxMessage(database: Database, id: string, message: NewOutboxMessage, now: Date): Promise<void> {
  await runStatement(database, INSERT_SQL, [id, message.topic, message.partitionKey, JSON.stringify(message.payload), now, now, now]);
}
