import { inject, injectable } from 'inversify';
import { MessageNotFound } from './errors.js';
import { OutboxConsoleStore, PersonalDataMasker, type OutboxAttemptView, type OutboxMessageWithPayload } from './ports.js';

export interface OutboxMessageDetail {
  /** The payload's personal data is masked. */
  readonly message: OutboxMessageWithPayload;
  /** Oldest first. */
  readonly attempts: OutboxAttemptView[];
}

/** One message with its (masked) payload and every attempt. */
@injectable()
export class ViewOutboxMessage {
  constructor(
    @inject(OutboxConsoleStore) private readonly store: OutboxConsoleStore,
    @inject(PersonalDataMasker) private readonly masker: PersonalDataMasker,
  ) {}

  async execute(id: string): Promise<OutboxMessageDetail> {
    const message = await this.store.find(id);
    if (!message) throw new MessageNotFound(id);
    const attempts = await this.store.attemptsOf(id);
    return { message: { ...message, payload: this.masker.mask(message.payload) }, attempts };
  }
}
