import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * An immutable value replaced as a whole while the process runs (SPEC 2.2.2, reload).
 * Work started under `capture` (a request) sees the value of its start to its end; work
 * outside one (an outbox delivery) sees the latest at each look-up.
 */
export class LiveSnapshot<T> {
  private latest: T;
  private readonly captured = new AsyncLocalStorage<T>();

  constructor(initial: T) {
    this.latest = initial;
  }

  /** The value the current work captured, else the latest. */
  get current(): T {
    return this.captured.getStore() ?? this.latest;
  }

  /** Runs `work` with the latest value fixed for all of it. */
  capture<R>(work: () => R): R {
    return this.captured.run(this.latest, work);
  }

  /** Work captured from now on sees `next`; work in progress keeps what it captured. */
  swap(next: T): void {
    this.latest = next;
  }
}
