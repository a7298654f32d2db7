import type { Transaction } from 'sequelize';

/**
 * The transaction of the unit of work in progress: the driver connection its statements run
 * on, and what runs once it has committed. A unit of work over Sequelize's models (fixture
 * loading) also carries Sequelize's transaction, which those models need.
 */
export class ActiveTransaction {
  private readonly onCommit: Array<() => void> = [];

  constructor(
    readonly connection: unknown,
    readonly modelTransaction?: Transaction,
  ) {}

  /** Runs `hook` once the transaction has committed; never if it rolls back. */
  afterCommit(hook: () => void): void {
    if (this.modelTransaction) this.modelTransaction.afterCommit(hook);
    else this.onCommit.push(hook);
  }

  /** Called by the database once COMMIT succeeded. */
  committed(): void {
    for (const hook of this.onCommit) hook();
  }
}
