import { inject, injectable } from 'inversify';
import type { OutboxStatus } from '../../../core/shared/OutboxStore.js';
import { SearchOutboxMessages } from '../../../core/ops-console/SearchOutboxMessages.js';
import type { JsonEndpoint } from '../JsonEndpoint.js';
import { messageFilterOf, messageFilterProperties, messageSummary, messageSummarySchema, opsIdSchema, outboxStatusSchema, type MessageFilterInput } from './opsConsoleSchemas.js';
import { pageOf, searchPageSchema, searchRequestSchema } from './opsSearchPage.js';

interface SearchInput extends MessageFilterInput {
  readonly status?: OutboxStatus;
  readonly limit?: number;
  readonly cursor?: string;
}

/** `POST /ops/api/messages/search` (SPEC 8.1): newest first, keyset pagination. */
@injectable()
export class OpsMessageSearchEndpoint implements JsonEndpoint<SearchInput, object> {
  readonly operationId = 'OpsMessageSearch';
  readonly summary = 'Outbox messages by status, topic, uid, webhook-id and creation time, newest first, a page at a time';
  readonly path = '/ops/api/messages/search';
  readonly scope = 'ops:read' as const;
  readonly errorStyle = 'camelCase' as const;
  readonly requestSchema = searchRequestSchema({ status: outboxStatusSchema, ...messageFilterProperties }, opsIdSchema);
  readonly responseDataSchema = searchPageSchema(messageSummarySchema, 'string');
  readonly errorCodes = [];
  readonly example: SearchInput = { status: 'DONE', topic: 'moneyplus.callback', limit: 20 };

  constructor(@inject(SearchOutboxMessages) private readonly search: SearchOutboxMessages) {}

  async handle(input: SearchInput): Promise<object> {
    const page = await this.search.execute({
      filter: { ...messageFilterOf(input), ...(input.status ? { status: input.status } : {}) },
      ...pageOf(input),
    });
    return { items: page.items.map(messageSummary), nextCursor: page.nextCursor };
  }
}
