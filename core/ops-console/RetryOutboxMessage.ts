import { inject, injectable } from 'inversify';
import { Clock } from '../shared/Clock.js';
import { MessageAlreadyDelivered, MessageNotFound } from './errors.js';
import { OutboxConsoleStore } from './ports.js';

/**
 * An operator's Retry: a FAILED message gets a fresh attempt budget and is due now; a
 * PENDING one (waiting for its backoff) is due now. A delivered one is refused.
 */
@injectable()
export class RetryOutboxMessage {
  constructor(
    @inject(OutboxConsoleStore) private readonly store: OutboxConsoleStore,
    @inject(Clock) private readonly clock: Clock,
  ) {}

  async execute(id: string): Promise<{ id: string; status: 'PENDING' }> {
    const message = await this.store.find(id);
    if (!message) throw new MessageNotFound(id);
    if (message.status === 'DONE') throw new MessageAlreadyDelivered(id);
    const changed = await this.store.makeDue(id, this.clock.now());
    if (changed === 0) {
      // Nothing changed: already due, or delivered meanwhile (then say so).
      const current = await this.store.find(id);
      if (!current) throw new MessageNotFound(id);
      if (current.status === 'DONE') throw new MessageAlreadyDelivered(id);
    }
    return { id, status: 'PENDING' };
  }
}
