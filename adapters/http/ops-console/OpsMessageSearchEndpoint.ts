import { inject, injectable } from 'inversify';
import type { OutboxStatus } from '../../../core/shared/OutboxStore.js';
import { SearchOutboxMessages } from '../../../core/ops-console/SearchOutboxMessages.js';
import type { JsonEndpoint } from '../JsonEndpoint.js';
import { messageFilterOf, messageFilterProperties, messageSummary, messageSummarySchema, opsIdSchema, outboxStatusSchema, type MessageFilterInput } from './opsConsoleSchemas.js';

interface SearchInput extends MessageFilterInput {
  readonly status?: OutboxStatus;
  readonly limit?: number;
  readonly cursor?: string;
}

const DEFAULT_LIMIT = 50;

/** `POST /ops/api/messages/search` (SPEC 8.1): newest first, keyset pagination. */
@injectable()
export class OpsMessageSearchEndpoint implements JsonEndpoint<SearchInput, object> {
  readonly operationId = 'OpsMessageSearch';
  readonly summary = 'Outbox messages by status, topic, uid, webhook-id and creation time, newest first, a page at a time';
  readonly path = '/ops/api/messages/search';
  readonly scope = 'ops:read' as const;
  readonly errorStyle = 'camelCase' as const;
  readonly requestSchema = {
    type: 'object',
    additionalProperties: false,
    properties: {
      status: outboxStatusSchema,
      ...messageFilterProperties,
      limit: { type: 'integer', minimum: 1, maximum: 200, description: `Page size (default ${DEFAULT_LIMIT})` },
      cursor: { ...opsIdSchema, description: 'The nextCursor of the previous page' },
    },
  };
  readonly responseDataSchema = {
    type: 'object',
    additionalProperties: false,
    required: ['items', 'nextCursor'],
    properties: {
      items: { type: 'array', items: messageSummarySchema },
      nextCursor: { type: ['string', 'null'], description: 'Pass back as cursor for the next page; null on the last page' },
    },
  };
  readonly errorCodes = [];
  readonly example: SearchInput = { status: 'DONE', topic: 'moneyplus.callback', limit: 20 };

  constructor(@inject(SearchOutboxMessages) private readonly search: SearchOutboxMessages) {}

  async handle(input: SearchInput): Promise<object> {
    const page = await this.search.execute({
      filter: { ...messageFilterOf(input), ...(input.status ? { status: input.status } : {}) },
      limit: input.limit ?? DEFAULT_LIMIT,
      ...(input.cursor ? { cursor: input.cursor } : {}),
    });
    return { items: page.items.map(messageSummary), nextCursor: page.nextCursor };
  }
}
