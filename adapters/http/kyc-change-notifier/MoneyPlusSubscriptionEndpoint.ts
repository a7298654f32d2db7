import { inject, injectable } from 'inversify';
import {
  MoneyPlusSubscription,
  type SubscriptionCommand,
  type SubscriptionResult,
} from '../../../core/kyc-change-notifier/MoneyPlusSubscription.js';
import type { JsonEndpoint } from '../JsonEndpoint.js';
import { bizIdSchema, uidSchema } from './kycChangeNotifierSchemas.js';

/** `POST /intranet/api/v1.0/moneyplus/Subscription` (SPEC 5.3). */
@injectable()
export class MoneyPlusSubscriptionEndpoint implements JsonEndpoint<SubscriptionCommand, SubscriptionResult> {
  readonly operationId = 'MoneyPlusSubscription';
  readonly summary = 'Subscribes a wallet user to a partner\'s KYC callbacks, or unsubscribes (idempotent)';
  readonly path = '/intranet/api/v1.0/moneyplus/Subscription';
  readonly scope = 'moneyplus:subscribe' as const;
  readonly partnerOf = (input: { bizId: string }) => input.bizId;
  readonly errorStyle = 'camelCase' as const;
  readonly requestSchema = {
    type: 'object',
    additionalProperties: false,
    required: ['action', 'uid', 'bizId'],
    properties: { action: { enum: ['SUBSCRIBE', 'UNSUBSCRIBE'] }, uid: uidSchema, bizId: bizIdSchema },
  };
  readonly responseDataSchema = {
    type: 'object',
    additionalProperties: false,
    required: ['uid', 'bizId', 'subscribed', 'kyc'],
    properties: {
      uid: { type: 'string' },
      bizId: { type: 'string' },
      subscribed: { type: 'boolean' },
      kyc: {
        type: 'object',
        additionalProperties: false,
        required: ['clientStatus', 'level', 'isMeetBusiness'],
        properties: {
          clientStatus: { type: ['integer', 'null'] },
          level: { type: ['integer', 'null'] },
          isMeetBusiness: { type: ['boolean', 'null'] },
        },
      },
    },
  };
  readonly errorCodes = ['PARTNER_NOT_FOUND'];
  readonly example: SubscriptionCommand = { action: 'SUBSCRIBE', uid: '100000003', bizId: 'MPLUS' };

  constructor(@inject(MoneyPlusSubscription) private readonly subscription: MoneyPlusSubscription) {}

  handle(input: SubscriptionCommand): Promise<SubscriptionResult> {
    return this.subscription.execute(input);
  }
}
