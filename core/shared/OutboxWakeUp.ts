/** Tells the local outbox worker that a message was committed, so it claims at once. */
export interface OutboxWakeUp {
  wake(): void;
}
export const OutboxWakeUp = Symbol.for('OutboxWakeUp');
