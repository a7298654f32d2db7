import { inject, injectable } from 'inversify';
import { ViewMember } from '../../../core/ops-console/ViewMember.js';
import type { JsonEndpoint } from '../JsonEndpoint.js';

const isoTime = { type: 'string', format: 'date-time' };
const maybeText = { type: ['string', 'null'] };

/** `POST /ops/api/members/get` (SPEC 8.1). */
@injectable()
export class OpsMemberEndpoint implements JsonEndpoint<{ memberId: string }, object> {
  readonly operationId = 'OpsMemberGet';
  readonly summary = "A member's EDDA check, video reviews and failed DA21 attempts (personal data masked)";
  readonly path = '/ops/api/members/get';
  readonly scope = 'ops:read' as const;
  readonly errorStyle = 'camelCase' as const;
  readonly requestSchema = {
    type: 'object',
    additionalProperties: false,
    required: ['memberId'],
    properties: { memberId: { type: 'string', minLength: 1, maxLength: 64 } },
  };
  readonly responseDataSchema = {
    type: 'object',
    additionalProperties: false,
    required: ['member', 'eddaCheck', 'reviews', 'failedDa21Attempts'],
    properties: {
      member: {
        type: 'object',
        additionalProperties: false,
        required: ['memberId', 'idno', 'phone', 'name', 'accountId', 'prodName', 'digitalLevel'],
        properties: {
          memberId: { type: 'string' },
          idno: { ...maybeText, description: 'masked' },
          phone: { ...maybeText, description: 'masked' },
          name: { ...maybeText, description: 'masked' },
          accountId: { type: 'string' },
          prodName: { type: 'string' },
          digitalLevel: { type: 'string' },
        },
      },
      eddaCheck: {
        type: ['object', 'null'],
        additionalProperties: false,
        required: ['status', 'history'],
        properties: {
          status: { type: 'string' },
          history: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['from', 'to', 'changedAt'],
              properties: { from: maybeText, to: { type: 'string' }, changedAt: isoTime },
            },
          },
        },
      },
      reviews: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['isPass', 'reviewedAt', 'requestId'],
          properties: { isPass: { type: 'boolean' }, reviewedAt: isoTime, requestId: { type: 'string' } },
        },
      },
      failedDa21Attempts: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['transactionId', 'code', 'attemptedAt'],
          properties: { transactionId: maybeText, code: { type: 'string', description: 'ESB_DA21_FAILED, ESB_TIMEOUT or ESB_UNAVAILABLE' }, attemptedAt: isoTime },
        },
      },
    },
  };
  readonly errorCodes = ['CUSTOMER_INFO_NOT_FOUND'];
  readonly example = { memberId: 'M0000000001' };

  constructor(@inject(ViewMember) private readonly view: ViewMember) {}

  async handle(input: { memberId: string }): Promise<object> {
    const detail = await this.view.execute(input.memberId);
    return {
      member: detail.member,
      eddaCheck: detail.eddaCheck && {
        status: detail.eddaCheck.status,
        history: detail.eddaCheck.history.map((change) => ({ ...change, changedAt: change.changedAt.toISOString() })),
      },
      reviews: detail.reviews.map((review) => ({ ...review, reviewedAt: review.reviewedAt.toISOString() })),
      failedDa21Attempts: detail.failedDa21Attempts.map((attempt) => ({ ...attempt, attemptedAt: attempt.attemptedAt.toISOString() })),
    };
  }
}
