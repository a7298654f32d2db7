/**
 * Writes that arrive together commit together: the first item starts a commit at once,
 * items arriving meanwhile wait and go in the next one. Forty calls failing on the same
 * ESB timeout cost two transactions instead of forty queued ones.
 */
export class GroupCommit<T> {
  private pending: Array<{ item: T; resolve: () => void; reject: (error: unknown) => void }> = [];
  private draining = false;

  constructor(
    private readonly commit: (items: readonly T[]) => Promise<void>,
    /** Bounds one commit, so other writers (SQLite's single queue) wait for a short one at most. */
    private readonly maxBatch: number,
  ) {}

  /** Settles when the commit holding `item` has committed (or failed). */
  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.maxBatch);
      try {
        await this.commit(batch.map((entry) => entry.item));
        for (const entry of batch) entry.resolve();
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    this.draining = false;
  }
}
