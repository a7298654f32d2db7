import type { UnitOfWork } from '../../core/shared/UnitOfWork.js';

/** A store whose state a unit of work can save and put back. */
export interface Snapshotting {
  snapshot(): unknown;
  restore(state: unknown): void;
}

/**
 * Units of work run one at a time (like a row lock would make them) and roll every
 * registered store back when the work throws.
 */
export class InMemoryUnitOfWork implements UnitOfWork {
  private tail: Promise<unknown> = Promise.resolve();
  private active = false;
  runs = 0;

  /** True while a unit of work runs (a transaction, lock and connection would be held). */
  get isOpen(): boolean {
    return this.active;
  }

  constructor(private readonly stores: Snapshotting[]) {}

  run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active) return work();
    const attempt = async () => {
      this.active = true;
      this.runs += 1;
      const saved = this.stores.map((store) => store.snapshot());
      try {
        return await work();
      } catch (error) {
        this.stores.forEach((store, index) => store.restore(saved[index]));
        throw error;
      } finally {
        this.active = false;
      }
    };
    const result = this.tail.then(attempt, attempt);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
