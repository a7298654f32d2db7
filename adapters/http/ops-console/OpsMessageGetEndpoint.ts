import { inject, injectable } from 'inversify';
import { ViewOutboxMessage } from '../../../core/ops-console/ViewOutboxMessage.js';
import type { JsonEndpoint } from '../JsonEndpoint.js';
import { attemptOf, attemptSchema, DEMO_DELIVERED_MESSAGE_ID, messageSummary, messageSummarySchema, opsIdSchema } from './opsConsoleSchemas.js';

/** `POST /ops/api/messages/get` (SPEC 8.1): a message, its masked payload and every attempt. */
@injectable()
export class OpsMessageGetEndpoint implements JsonEndpoint<{ id: string }, object> {
  readonly operationId = 'OpsMessageGet';
  readonly summary = 'One outbox message with its payload (personal data masked) and every delivery attempt';
  readonly path = '/ops/api/messages/get';
  readonly scope = 'ops:read' as const;
  readonly errorStyle = 'camelCase' as const;
  readonly requestSchema = { type: 'object', additionalProperties: false, required: ['id'], properties: { id: opsIdSchema } };
  readonly responseDataSchema = {
    type: 'object',
    additionalProperties: false,
    required: ['message', 'attempts'],
    properties: {
      message: {
        ...messageSummarySchema,
        required: [...messageSummarySchema.required, 'payload'],
        properties: { ...messageSummarySchema.properties, payload: { type: 'object', description: 'The message JSON, personal data masked' } },
      },
      attempts: { type: 'array', description: 'Oldest first', items: attemptSchema },
    },
  };
  readonly errorCodes = ['MESSAGE_NOT_FOUND'];
  readonly example = { id: DEMO_DELIVERED_MESSAGE_ID };

  constructor(@inject(ViewOutboxMessage) private readonly view: ViewOutboxMessage) {}

  async handle(input: { id: string }): Promise<object> {
    const detail = await this.view.execute(input.id);
    return { message: { ...messageSummary(detail.message), payload: detail.message.payload }, attempts: detail.attempts.map(attemptOf) };
  }
}
