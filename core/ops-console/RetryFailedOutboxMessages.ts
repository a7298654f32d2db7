import { inject, injectable } from 'inversify';
import { Clock } from '../shared/Clock.js';
import { OutboxConsoleStore, type OutboxMessageFilter } from './ports.js';

export interface RetryFailedCommand {
  /** Its status, if any, is ignored: only FAILED messages are ever touched. */
  readonly filter: OutboxMessageFilter;
  /** Only count what would be retried (the console asks the operator to confirm the count). */
  readonly dryRun: boolean;
}

/** "Retry all failed" matching a filter: each gets a fresh attempt budget and is due now. */
@injectable()
export class RetryFailedOutboxMessages {
  constructor(
    @inject(OutboxConsoleStore) private readonly store: OutboxConsoleStore,
    @inject(Clock) private readonly clock: Clock,
  ) {}

  async execute(command: RetryFailedCommand): Promise<{ count: number }> {
    const filter = { ...command.filter, status: 'FAILED' as const };
    const count = command.dryRun ? await this.store.countFailed(filter) : await this.store.retryFailed(filter, this.clock.now());
    return { count };
  }
}
