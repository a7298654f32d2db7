import type { UnitOfWork } from '../../core/shared/UnitOfWork.js';

/**
 * At most `limit` units of work of one use case at once, so a burst of it (40 upgrades
 * claiming together) leaves the pool, or SQLite's single writer, to the other use cases.
 */
export class BulkheadUnitOfWork implements UnitOfWork {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly inner: UnitOfWork,
    private readonly limit: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    try {
      return await this.inner.run(work);
    } finally {
      // The slot passes straight to the next waiter, so `running` never drops below the queue's needs.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
