import { inject, injectable } from 'inversify';
import { MessageNotFound } from './errors.js';
import { OutboxConsoleStore, PersonalDataMasker, type OutboxAttemptView, type OutboxMessageWithPayload } from './ports.js';

export interface OutboxMessageDetail {
  /** The payload's personal data is masked. */
  readonly message: OutboxMessageWithPayload;
  /** Oldest first. */
  readonly attempts: OutboxAttemptView[];
}

/** One message with its payload and every attempt, personal data masked. */
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
    return {
      message: { ...message, payload: this.masker.mask(message.payload), lastError: this.masker.maskText(message.lastError) },
      // A partner's reply may echo what it was sent.
      attempts: attempts.map((attempt) => ({ ...attempt, responseExcerpt: this.masker.maskText(attempt.responseExcerpt), error: this.masker.maskText(attempt.error) })),
    };
  }
}
