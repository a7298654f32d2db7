/**
 * Wakes the drain loop: a nudge given while nobody waits is kept for the next wait, so a
 * delivery finishing or a commit arriving during a claim is never missed.
 */
export class Nudge {
  private given = false;
  private waiter: (() => void) | undefined;

  give(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    if (waiter) waiter();
    else this.given = true;
  }

  /** Forgets nudges given so far (the loop is about to look at everything anyway). */
  clear(): void {
    this.given = false;
  }

  async next(): Promise<void> {
    if (this.given) {
      this.given = false;
      return;
    }
    await new Promise<void>((resolve) => (this.waiter = resolve));
  }
}
