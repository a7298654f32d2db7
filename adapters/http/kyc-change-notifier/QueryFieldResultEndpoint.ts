import { inject, injectable } from 'inversify';
import { QueryFieldResult, type QueryFieldCommand, type QueryFieldOutput } from '../../../core/kyc-change-notifier/QueryFieldResult.js';
import type { JsonEndpoint } from '../JsonEndpoint.js';
import { bizIdSchema, uidSchema } from './kycChangeNotifierSchemas.js';

/** `POST /intranet/api/v1.0/moneyplus/QueryFieldResult` (SPEC 5.3). */
@injectable()
export class QueryFieldResultEndpoint implements JsonEndpoint<QueryFieldCommand, QueryFieldOutput> {
  readonly operationId = 'QueryFieldResult';
  readonly summary = 'The KYC fields a partner is configured to receive, plus ic_type and has_pending_case';
  readonly path = '/intranet/api/v1.0/moneyplus/QueryFieldResult';
  readonly scope = 'moneyplus:read' as const;
  readonly partnerOf = (input: { bizId: string }) => input.bizId;
  readonly errorStyle = 'camelCase' as const;
  readonly requestSchema = {
    type: 'object',
    additionalProperties: false,
    required: ['uid', 'bizId'],
    properties: { uid: uidSchema, bizId: bizIdSchema },
  };
  readonly responseDataSchema = {
    type: 'object',
    additionalProperties: false,
    required: ['uid', 'bizId', 'fields'],
    properties: {
      uid: { type: 'string' },
      bizId: { type: 'string' },
      fields: {
        type: 'object',
        description: 'The partner\'s queryFields (callback names: name, phone, mailing_address, nature_of_business…), then ic_type and has_pending_case',
        required: ['ic_type', 'has_pending_case'],
        properties: { ic_type: { type: 'string' }, has_pending_case: { type: 'boolean' } },
        additionalProperties: { type: 'string' },
      },
    },
  };
  readonly errorCodes = ['PARTNER_NOT_FOUND', 'SUBSCRIPTION_NOT_FOUND', 'KYC_PROFILE_NOT_FOUND'];
  readonly example: QueryFieldCommand = { uid: '100000001', bizId: 'MPLUS' };

  constructor(@inject(QueryFieldResult) private readonly query: QueryFieldResult) {}

  handle(input: QueryFieldCommand): Promise<QueryFieldOutput> {
    return this.query.execute(input);
  }
}
