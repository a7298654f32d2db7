import { inject, injectable } from 'inversify';
import { ViewKycProfile } from '../../../core/ops-console/ViewKycProfile.js';
import type { JsonEndpoint } from '../JsonEndpoint.js';
import { uidSchema } from '../kyc-change-notifier/kycChangeNotifierSchemas.js';

const anyValue = { description: 'The value (personal data masked)' };

/** `POST /ops/api/kyc/profile` (SPEC 8.1). */
@injectable()
export class OpsKycProfileEndpoint implements JsonEndpoint<{ uid: string }, object> {
  readonly operationId = 'OpsKycProfile';
  readonly summary = "A wallet user's KYC mirror, Money+ subscriptions and event history (personal data masked)";
  readonly path = '/ops/api/kyc/profile';
  readonly scope = 'ops:read' as const;
  readonly errorStyle = 'camelCase' as const;
  readonly requestSchema = { type: 'object', additionalProperties: false, required: ['uid'], properties: { uid: uidSchema } };
  readonly responseDataSchema = {
    type: 'object',
    additionalProperties: false,
    required: ['profile', 'subscriptions', 'history'],
    properties: {
      profile: {
        type: 'object',
        additionalProperties: false,
        required: ['uid', 'walletStatus', 'clientStatus', 'level', 'isMeetBusiness', 'info'],
        properties: {
          uid: { type: 'string' },
          walletStatus: { type: 'string' },
          clientStatus: { type: ['integer', 'null'] },
          level: { type: ['integer', 'null'] },
          isMeetBusiness: { type: ['boolean', 'null'] },
          info: { type: 'object', description: 'KYC personal data, masked', additionalProperties: { type: ['string', 'null'] } },
        },
      },
      subscriptions: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['bizId', 'subscribed'],
          properties: { bizId: { type: 'string' }, subscribed: { type: 'boolean' } },
        },
      },
      history: {
        type: 'array',
        description: 'Every event, oldest first: applied, unchanged, stale or not eKYC, with what it changed',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['eventId', 'eventType', 'occurredAt', 'outcome', 'changes', 'note', 'recordedAt'],
          properties: {
            eventId: { type: 'string' },
            eventType: { type: 'string' },
            occurredAt: { type: 'string', format: 'date-time' },
            outcome: { type: 'string' },
            changes: {
              type: 'array',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['field', 'from', 'to'],
                properties: { field: { type: 'string' }, from: anyValue, to: anyValue },
              },
            },
            note: { type: ['string', 'null'] },
            recordedAt: { type: 'string', format: 'date-time' },
          },
        },
      },
    },
  };
  readonly errorCodes = ['KYC_PROFILE_NOT_FOUND'];
  readonly example = { uid: '100000001' };

  constructor(@inject(ViewKycProfile) private readonly view: ViewKycProfile) {}

  async handle(input: { uid: string }): Promise<object> {
    const view = await this.view.execute(input.uid);
    return {
      ...view,
      history: view.history.map((entry) => ({ ...entry, occurredAt: entry.occurredAt.toISOString(), recordedAt: entry.recordedAt.toISOString() })),
    };
  }
}
