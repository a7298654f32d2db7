import { inject, injectable } from 'inversify';
import type { RequestContext } from '../../../core/shared/RequestContext.js';
import { RetryFailedOutboxMessages } from '../../../core/ops-console/RetryFailedOutboxMessages.js';
import type { JsonEndpoint } from '../JsonEndpoint.js';
import { messageFilterOf, messageFilterProperties, type MessageFilterInput } from './opsConsoleSchemas.js';

interface RetryFailedInput extends MessageFilterInput {
  readonly dryRun?: boolean;
}

/** `POST /ops/api/messages/retry-failed` (SPEC 8.1): "Retry all failed" matching a filter. */
@injectable()
export class OpsRetryFailedEndpoint implements JsonEndpoint<RetryFailedInput, { count: number }> {
  readonly operationId = 'OpsRetryFailed';
  readonly summary = 'Make every FAILED message matching the filter due now (dryRun: only count them); other statuses are never touched';
  readonly path = '/ops/api/messages/retry-failed';
  readonly scope = 'ops:write' as const;
  readonly errorStyle = 'camelCase' as const;
  readonly requestSchema = {
    type: 'object',
    additionalProperties: false,
    properties: { ...messageFilterProperties, dryRun: { type: 'boolean', description: 'Only count (the console confirms with it)' } },
  };
  readonly responseDataSchema = {
    type: 'object',
    additionalProperties: false,
    required: ['count'],
    properties: { count: { type: 'integer', minimum: 0, description: 'FAILED messages made due again (dryRun: that would be)' } },
  };
  readonly errorCodes = [];
  readonly example: RetryFailedInput = { topic: 'moneyplus.callback', uid: 'MPFAIL0007', dryRun: true };

  constructor(@inject(RetryFailedOutboxMessages) private readonly retry: RetryFailedOutboxMessages) {}

  handle(input: RetryFailedInput, context: RequestContext): Promise<{ count: number }> {
    return this.retry.execute({ filter: messageFilterOf(input), dryRun: input.dryRun === true }, context);
  }
}
