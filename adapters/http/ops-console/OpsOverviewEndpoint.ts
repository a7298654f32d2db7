import { inject, injectable } from 'inversify';
import { OutboxOverview } from '../../../core/ops-console/OutboxOverview.js';
import type { JsonEndpoint } from '../JsonEndpoint.js';
import { outboxStatusSchema } from './opsConsoleSchemas.js';

const DEFAULT_HOURS = 6;

/** `POST /ops/api/overview` (SPEC 8.1). */
@injectable()
export class OpsOverviewEndpoint implements JsonEndpoint<{ hours?: number }, object> {
  readonly operationId = 'OpsOverview';
  readonly summary = 'Outbox counts by status and topic, oldest pending age, delivered/failed attempts per minute';
  readonly path = '/ops/api/overview';
  readonly scope = 'ops:read' as const;
  readonly errorStyle = 'camelCase' as const;
  readonly requestSchema = {
    type: 'object',
    additionalProperties: false,
    properties: { hours: { type: 'integer', minimum: 1, maximum: 48, description: `How far back the series goes (default ${DEFAULT_HOURS})` } },
  };
  readonly responseDataSchema = {
    type: 'object',
    additionalProperties: false,
    required: ['counts', 'oldestPendingAgeSeconds', 'series'],
    properties: {
      counts: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['status', 'topic', 'count'],
          properties: { status: outboxStatusSchema, topic: { type: 'string' }, count: { type: 'integer', minimum: 0 } },
        },
      },
      oldestPendingAgeSeconds: { type: ['integer', 'null'], minimum: 0, description: 'null when nothing is pending' },
      series: {
        type: 'array',
        description: 'Successful (delivered) and failed attempts per minute, oldest first; minutes without attempts are left out',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['minute', 'delivered', 'failed'],
          properties: {
            minute: { type: 'string', format: 'date-time', description: 'Start of the minute (UTC)' },
            delivered: { type: 'integer', minimum: 0 },
            failed: { type: 'integer', minimum: 0 },
          },
        },
      },
    },
  };
  readonly errorCodes = [];
  readonly example = { hours: 6 };

  constructor(@inject(OutboxOverview) private readonly overview: OutboxOverview) {}

  async handle(input: { hours?: number }): Promise<object> {
    const result = await this.overview.execute({ hours: input.hours ?? DEFAULT_HOURS });
    return { ...result, series: result.series.map((point) => ({ ...point, minute: point.minute.toISOString() })) };
  }
}
