import { inject, injectable } from 'inversify';
import { KycProfileNotFound } from '../kyc-change-notifier/errors.js';
import type { FieldChange, KycInfo } from '../kyc-change-notifier/KycProfile.js';
import { KycHistoryRepository, KycProfileRepository, MoneyPlusSubscriptionRepository } from '../kyc-change-notifier/ports.js';
import { PersonalDataMasker } from './ports.js';

export interface KycProfileView {
  readonly profile: {
    readonly uid: string;
    readonly walletStatus: string;
    readonly clientStatus: number | null;
    readonly level: number | null;
    readonly isMeetBusiness: boolean | null;
    readonly info: KycInfo;
  };
  readonly subscriptions: Array<{ bizId: string; subscribed: boolean }>;
  readonly history: Array<{ eventId: string; eventType: string; occurredAt: Date; outcome: string; changes: FieldChange[]; note: string | null; recordedAt: Date }>;
}

/** A wallet user's KYC mirror, subscriptions and event history, personal data masked. */
@injectable()
export class ViewKycProfile {
  constructor(
    @inject(KycProfileRepository) private readonly profiles: KycProfileRepository,
    @inject(MoneyPlusSubscriptionRepository) private readonly subscriptions: MoneyPlusSubscriptionRepository,
    @inject(KycHistoryRepository) private readonly history: KycHistoryRepository,
    @inject(PersonalDataMasker) private readonly masker: PersonalDataMasker,
  ) {}

  async execute(uid: string): Promise<KycProfileView> {
    const profile = await this.profiles.find(uid);
    if (!profile) throw new KycProfileNotFound();
    const [bizIds, entries] = await Promise.all([this.subscriptions.bizIdsOf(uid), this.history.listFor(uid)]);
    return {
      profile: {
        uid: profile.uid,
        walletStatus: profile.walletStatus,
        clientStatus: profile.status?.clientStatus ?? null,
        level: profile.status?.level ?? null,
        isMeetBusiness: profile.status?.isMeetBusiness ?? null,
        info: this.masker.mask(profile.info),
      },
      subscriptions: bizIds.map((bizId) => ({ bizId, subscribed: true })),
      history: entries.map((entry) => ({
        eventId: entry.eventId,
        eventType: entry.eventType,
        occurredAt: new Date(entry.occurredAt * 1000),
        outcome: entry.outcome,
        // A change names its field, so its values are masked by that name.
        changes: entry.changes.map((change) => ({
          field: change.field,
          from: this.masker.maskField(change.field, change.from),
          to: this.masker.maskField(change.field, change.to),
        })),
        note: entry.note,
        recordedAt: entry.recordedAt,
      })),
    };
  }
}
