/** JSON a message carries; the outbox stores it as is. */
export type OutboxPayload = { readonly [key: string]: unknown };

export interface NewOutboxMessage {
  /** Which OutboxHandler delivers it, e.g. `moneyplus.callback`. */
  readonly topic: string;
  /** Messages with the same key are delivered one at a time, in enqueue order (the uid). */
  readonly partitionKey: string;
  readonly payload: OutboxPayload;
}

/**
 * The transactional outbox (SPEC 7): `enqueue` writes the message in the current unit of
 * work, so it commits or rolls back with the change that caused it.
 */
export interface Outbox {
  /** Returns the message id (stable across retries; Money+ sees it as `webhook-id`). */
  enqueue(message: NewOutboxMessage): Promise<string>;
}
export const Outbox = Symbol.for('Outbox');
