/**
 * Writes that arrive together commit together: the first item starts a commit at once,
 * items arriving meanwhile wait and go in the next one. Forty calls failing on the same
 * ESB timeout cost two transactions instead of forty queued ones. A commit may answer one
 * result per item, in order (say, whether that item's write took effect).
 */
export class GroupCommit<T, R = void> {
  private pending: Array<{ item: T; resolve: (result: R) => void; reject: (error: unknown) => void }> = [];
  private draining = false;

  constructor(
    private readonly commit: (items: readonly T[]) => Promise<readonly R[] | void>,
    /** Bounds one commit, so other writers (SQLite's single queue) wait for a short one at most. */
    private readonly maxBatch: number,
  ) {}

  /** Settles when the commit holding `item` has committed (with that item's result) or failed. */
  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.maxBatch);
      try {
        const results = await this.commit(batch.map((entry) => entry.item));
        batch.forEach((entry, index) => entry.resolve(results?.[index] as R));
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    this.draining = false;
  }
}
