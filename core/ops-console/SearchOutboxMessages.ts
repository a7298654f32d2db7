import { inject, injectable } from 'inversify';
import { OutboxConsoleStore, PersonalDataMasker, type OutboxMessageFilter, type OutboxMessageView } from './ports.js';

export interface SearchOutboxMessagesQuery {
  readonly filter: OutboxMessageFilter;
  readonly limit: number;
  /** The `nextCursor` of the previous page. */
  readonly cursor?: string;
}

export interface OutboxMessagePage {
  readonly items: OutboxMessageView[];
  /** null on the last page. */
  readonly nextCursor: string | null;
}

/**
 * Messages matching a filter, newest first, a page at a time. Keyset pagination: the cursor is
 * the last id shown (the store resumes after its creation time and id), so pages stay stable
 * while messages arrive.
 */
@injectable()
export class SearchOutboxMessages {
  constructor(
    @inject(OutboxConsoleStore) private readonly store: OutboxConsoleStore,
    @inject(PersonalDataMasker) private readonly masker: PersonalDataMasker,
  ) {}

  async execute(query: SearchOutboxMessagesQuery): Promise<OutboxMessagePage> {
    // One more than asked tells whether another page exists.
    const found = await this.store.search(query.filter, { limit: query.limit + 1, ...(query.cursor ? { beforeId: query.cursor } : {}) });
    const items = found.slice(0, query.limit).map((item) => ({ ...item, lastError: this.masker.maskText(item.lastError) }));
    return { items, nextCursor: found.length > query.limit ? items[items.length - 1]!.id : null };
  }
}
