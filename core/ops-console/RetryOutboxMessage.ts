import { inject, injectable } from 'inversify';
import { AuditTrail } from '../shared/AuditTrail.js';
import { Clock } from '../shared/Clock.js';
import type { RequestContext } from '../shared/RequestContext.js';
import { UnitOfWork } from '../shared/UnitOfWork.js';
import { MessageAlreadyDelivered, MessageNotFound } from './errors.js';
import { OutboxConsoleStore } from './ports.js';

/**
 * An operator's Retry: a FAILED message gets a fresh attempt budget and is due now; a
 * PENDING one (waiting for its backoff) is due now. A delivered one is refused. The
 * change and its audit record commit together (SPEC 2.2.3).
 */
@injectable()
export class RetryOutboxMessage {
  constructor(
    @inject(OutboxConsoleStore) private readonly store: OutboxConsoleStore,
    @inject(Clock) private readonly clock: Clock,
    @inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @inject(AuditTrail) private readonly audit: AuditTrail,
  ) {}

  execute(id: string, context: RequestContext): Promise<{ id: string; status: 'PENDING' }> {
    return this.unitOfWork.run(async () => {
      const message = await this.store.find(id);
      if (!message) throw new MessageNotFound(id);
      if (message.status === 'DONE') throw new MessageAlreadyDelivered(id);
      const now = this.clock.now();
      const changed = await this.store.makeDue(id, now);
      if (changed === 0) {
        // Nothing changed: already due, or delivered meanwhile (then say so).
        const current = await this.store.find(id);
        if (!current) throw new MessageNotFound(id);
        if (current.status === 'DONE') throw new MessageAlreadyDelivered(id);
      }
      const target = JSON.stringify({ id });
      await this.audit.record({ actor: context.consumer, action: 'outbox.retry', target, count: changed, outcome: null, requestId: context.requestId, at: now });
      return { id, status: 'PENDING' as const };
    });
  }
}
