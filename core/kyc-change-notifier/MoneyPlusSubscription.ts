import { inject, injectable } from 'inversify';
import { Clock } from '../shared/Clock.js';
import { UnitOfWork } from '../shared/UnitOfWork.js';
import { PartnerNotFound } from './errors.js';
import type { ClientStatus, KycLevel } from './KycCodes.js';
import { KycProfileRepository, MoneyPlusPartnerDirectory, MoneyPlusSubscriptionRepository } from './ports.js';

export interface SubscriptionCommand {
  readonly action: 'SUBSCRIBE' | 'UNSUBSCRIBE';
  readonly uid: string;
  readonly bizId: string;
}

export interface SubscriptionResult {
  readonly uid: string;
  readonly bizId: string;
  readonly subscribed: boolean;
  /** The user's KYC state now (nulls when the KYC system has reported no case yet). */
  readonly kyc: { clientStatus: ClientStatus | null; level: KycLevel | null; isMeetBusiness: boolean | null };
}

/** Subscribes a user to a partner's KYC callbacks, or stops them (SPEC 5.3); repeats are harmless. */
@injectable()
export class MoneyPlusSubscription {
  constructor(
    @inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @inject(MoneyPlusSubscriptionRepository) private readonly subscriptions: MoneyPlusSubscriptionRepository,
    @inject(KycProfileRepository) private readonly profiles: KycProfileRepository,
    @inject(MoneyPlusPartnerDirectory) private readonly partners: MoneyPlusPartnerDirectory,
    @inject(Clock) private readonly clock: Clock,
  ) {}

  async execute({ action, uid, bizId }: SubscriptionCommand): Promise<SubscriptionResult> {
    if (!this.partners.find(bizId)) throw new PartnerNotFound(bizId);
    return this.unitOfWork.run(async () => {
      if (action === 'SUBSCRIBE') await this.subscriptions.subscribe(uid, bizId, this.clock.now());
      else await this.subscriptions.unsubscribe(uid, bizId);
      const subscribed = (await this.subscriptions.bizIdsOf(uid)).includes(bizId);
      const status = (await this.profiles.find(uid))?.status ?? null;
      return {
        uid,
        bizId,
        subscribed,
        kyc: {
          clientStatus: status?.clientStatus ?? null,
          level: status?.level ?? null,
          isMeetBusiness: status?.isMeetBusiness ?? null,
        },
      };
    });
  }
}
