import { inject, injectable } from 'inversify';
import { KycChangeNotifier, type KycChangeResult } from '../../../core/kyc-change-notifier/KycChangeNotifier.js';
import type { KycChangedEvent } from '../../../core/kyc-change-notifier/ports.js';
import type { RequestContext } from '../../../core/shared/RequestContext.js';
import type { JsonEndpoint } from '../JsonEndpoint.js';
import { kycChangedRequestSchema } from './kycChangeNotifierSchemas.js';

/** `POST /intranet/api/v1.0/kyc/KycChanged` (seed 002, SPEC 5.1). */
@injectable()
export class KycChangedEndpoint implements JsonEndpoint<KycChangedEvent, KycChangeResult> {
  readonly operationId = 'KycChanged';
  readonly summary = 'The KYC system reports a change of a wallet user\'s KYC status, data, phone or wallet status';
  readonly path = '/intranet/api/v1.0/kyc/KycChanged';
  readonly scope = 'kyc:write' as const;
  readonly errorStyle = 'camelCase' as const;
  readonly requestSchema = kycChangedRequestSchema;
  readonly responseDataSchema = {
    type: 'object',
    additionalProperties: false,
    required: ['eventId', 'uid', 'outcome', 'changedFields', 'callbacks'],
    properties: {
      eventId: { type: 'string' },
      uid: { type: 'string' },
      outcome: { enum: ['APPLIED', 'UNCHANGED', 'STALE', 'NOT_EKYC', 'DUPLICATE'] },
      changedFields: { type: 'array', items: { type: 'string' } },
      callbacks: {
        type: 'array',
        description: 'Money+ callbacks queued in the same transaction (one per subscribed partner)',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['bizId', 'messageId'],
          properties: { bizId: { type: 'string' }, messageId: { type: 'string', description: 'webhook-id and event_id of the callback' } },
        },
      },
    },
  };
  readonly errorCodes = [];
  readonly example: KycChangedEvent = {
    eventId: 'evt-demo-0001',
    uid: '100000002',
    occurredAt: 1666755263,
    type: 'STATUS',
    status: { clientStatus: 3, level: 300, isMeetBusiness: true, rejectReason: '', rejectReasonKeys: [], deleteReason: '', deleteReasonKeys: [] },
  };

  constructor(@inject(KycChangeNotifier) private readonly notifier: KycChangeNotifier) {}

  handle(input: KycChangedEvent, context: RequestContext): Promise<KycChangeResult> {
    return this.notifier.execute(input, context);
  }
}
