/** Told when a presented token matched a configured one past its `notAfter` (never given the token). */
export interface ExpiredTokenObserver {
  expired(consumer: string): void;
}
export const ExpiredTokenObserver = Symbol.for('ExpiredTokenObserver');
