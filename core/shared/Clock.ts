/** The current time, injected so use cases never call Date.now() themselves. */
export interface Clock {
  now(): Date;
}
export const Clock = Symbol.for('Clock');
