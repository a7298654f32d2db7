import { inject, injectable } from 'inversify';
import { AuditTrail } from '../shared/AuditTrail.js';
import { Clock } from '../shared/Clock.js';
import type { RequestContext } from '../shared/RequestContext.js';
import { UnitOfWork } from '../shared/UnitOfWork.js';
import { OutboxConsoleStore, type OutboxMessageFilter } from './ports.js';

export interface RetryFailedCommand {
  /** Its status, if any, is ignored: only FAILED messages are ever touched. */
  readonly filter: OutboxMessageFilter;
  /** Only count what would be retried (the console asks the operator to confirm the count). */
  readonly dryRun: boolean;
}

/**
 * "Retry all failed" matching a filter: each gets a fresh attempt budget and is due now.
 * The change and its audit record (the filter and the count) commit together (SPEC 2.2.3).
 */
@injectable()
export class RetryFailedOutboxMessages {
  constructor(
    @inject(OutboxConsoleStore) private readonly store: OutboxConsoleStore,
    @inject(Clock) private readonly clock: Clock,
    @inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @inject(AuditTrail) private readonly audit: AuditTrail,
  ) {}

  async execute(command: RetryFailedCommand, context: RequestContext): Promise<{ count: number }> {
    const filter = { ...command.filter, status: 'FAILED' as const };
    if (command.dryRun) return { count: await this.store.countFailed(filter) };
    return this.unitOfWork.run(async () => {
      const now = this.clock.now();
      const count = await this.store.retryFailed(filter, now);
      await this.audit.record({ actor: context.consumer, action: 'outbox.retry-failed', target: JSON.stringify(filter), count, outcome: null, requestId: context.requestId, at: now });
      return { count };
    });
  }
}
