import { inject, injectable } from 'inversify';
import type { RequestContext } from '../../../core/shared/RequestContext.js';
import { RetryOutboxMessage } from '../../../core/ops-console/RetryOutboxMessage.js';
import type { JsonEndpoint } from '../JsonEndpoint.js';
import { DEMO_RETRYING_MESSAGE_ID, opsIdSchema } from './opsConsoleSchemas.js';

/** `POST /ops/api/messages/retry` (SPEC 8.1). */
@injectable()
export class OpsMessageRetryEndpoint implements JsonEndpoint<{ id: string }, { id: string; status: 'PENDING' }> {
  readonly operationId = 'OpsMessageRetry';
  readonly summary = 'Make a FAILED (fresh attempt budget) or PENDING message due now; a delivered one is refused';
  readonly path = '/ops/api/messages/retry';
  readonly scope = 'ops:write' as const;
  readonly errorStyle = 'camelCase' as const;
  readonly requestSchema = { type: 'object', additionalProperties: false, required: ['id'], properties: { id: opsIdSchema } };
  readonly responseDataSchema = {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'status'],
    properties: { id: opsIdSchema, status: { const: 'PENDING' } },
  };
  readonly errorCodes = ['MESSAGE_NOT_FOUND', 'MESSAGE_ALREADY_DELIVERED'];
  readonly example = { id: DEMO_RETRYING_MESSAGE_ID };

  constructor(@inject(RetryOutboxMessage) private readonly retry: RetryOutboxMessage) {}

  handle(input: { id: string }, context: RequestContext): Promise<{ id: string; status: 'PENDING' }> {
    return this.retry.execute(input.id, context);
  }
}
