import { inject, injectable, optional } from 'inversify';
import { Clock } from '../../../core/shared/Clock.js';
import type { NewOutboxMessage, Outbox } from '../../../core/shared/Outbox.js';
import { OutboxWakeUp } from '../../../core/shared/OutboxWakeUp.js';
import { Database } from '../Database.js';
import { insertOutboxMessage } from './insertOutboxMessage.js';
import { uuidv7 } from './uuidv7.js';

/**
 * Writes the message in the current unit of work; once that commits, the local worker is
 * woken so delivery starts at once (the cron job is only the safety net).
 */
@injectable()
export class SequelizeOutbox implements Outbox {
  constructor(
    @inject(Database) private readonly database: Database,
    @inject(Clock) private readonly clock: Clock,
    @inject(OutboxWakeUp) @optional() private readonly wakeUp?: OutboxWakeUp,
  ) {}

  async enqueue(message: NewOutboxMessage): Promise<string> {
    const now = this.clock.now();
    const id = uuidv7(now.getTime());
    // Joins the caller's unit of work; outside one, the insert is its own transaction.
    await this.database.inTransaction(async () => {
      await insertOutboxMessage(this.database, id, message, now);
      this.database.currentTransaction()!.afterCommit(() => this.wakeUp?.wake());
    });
    return id;
  }
}
