import { inject, injectable } from 'inversify';
import { ACTIVATION_STEPS, MoneyPlusEntry, type EntryDecision } from '../../../core/kyc-change-notifier/MoneyPlusEntry.js';
import type { JsonEndpoint } from '../JsonEndpoint.js';
import { uidSchema } from './kycChangeNotifierSchemas.js';

/** `POST /intranet/api/v1.0/moneyplus/Entry` (SPEC 5.3). */
@injectable()
export class MoneyPlusEntryEndpoint implements JsonEndpoint<{ uid: string }, EntryDecision> {
  readonly operationId = 'MoneyPlusEntry';
  readonly summary = 'Where the Money+ entry sends a wallet user (activation, popups, registration or eKYC)';
  readonly path = '/intranet/api/v1.0/moneyplus/Entry';
  readonly scope = 'moneyplus:read' as const;
  readonly errorStyle = 'camelCase' as const;
  readonly requestSchema = {
    type: 'object',
    additionalProperties: false,
    required: ['uid'],
    properties: { uid: uidSchema },
  };
  readonly responseDataSchema = {
    type: 'object',
    additionalProperties: false,
    required: ['uid', 'route'],
    properties: {
      uid: { type: 'string' },
      route: { enum: ['ACTIVATION', 'BANNED_POPUP', 'KYC_STATUS_POPUP', 'MONEYPLUS_REGISTRATION', 'EKYC_FLOW'] },
      steps: { type: 'array', items: { enum: [...ACTIVATION_STEPS] }, description: 'For ACTIVATION, in order' },
      popup: {
        type: 'object',
        additionalProperties: false,
        required: ['kycStatus', 'tag', 'action'],
        description: 'For KYC_STATUS_POPUP',
        properties: {
          kycStatus: { const: 'PENDING' },
          tag: { enum: ['FULL_KYC', 'EKYC'] },
          action: { const: 'WAIT_FOR_REVIEW' },
        },
      },
    },
  };
  readonly errorCodes = [];
  readonly example = { uid: '100000002' };

  constructor(@inject(MoneyPlusEntry) private readonly entry: MoneyPlusEntry) {}

  handle(input: { uid: string }): Promise<EntryDecision> {
    return this.entry.execute(input);
  }
}
