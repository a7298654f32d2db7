import { inject, injectable } from 'inversify';
import { KycProfileNotFound, PartnerNotFound, SubscriptionNotFound } from './errors.js';
import { CLIENT_STATUS } from './KycCodes.js';
import type { KycProfile } from './KycProfile.js';
import { MONEYPLUS_INFO_FIELDS, moneyPlusValue, type MoneyPlusInfoField } from './MoneyPlusCallback.js';
import { KycProfileRepository, MoneyPlusPartnerDirectory, MoneyPlusSubscriptionRepository } from './ports.js';

/** Every name a partner's `queryFields` may list: the callback's field names plus `ic_type`. */
export const QUERYABLE_FIELDS: readonly string[] = [...MONEYPLUS_INFO_FIELDS, 'ic_type'];

export interface QueryFieldCommand {
  readonly uid: string;
  readonly bizId: string;
}

export interface QueryFieldOutput {
  readonly uid: string;
  readonly bizId: string;
  /** The partner's configured fields, then `ic_type` and `has_pending_case` always. */
  readonly fields: { readonly [name: string]: string | boolean };
}

function isInfoField(name: string): name is MoneyPlusInfoField {
  return (MONEYPLUS_INFO_FIELDS as readonly string[]).includes(name);
}

/**
 * The KYC fields a partner is configured to read, for a user subscribed to it (SPEC 5.3). It reads the mirror on every
 * call, so it reflects every applied change at once, in every process; there is no cache to drop.
 */
@injectable()
export class QueryFieldResult {
  constructor(
    @inject(KycProfileRepository) private readonly profiles: KycProfileRepository,
    @inject(MoneyPlusPartnerDirectory) private readonly partners: MoneyPlusPartnerDirectory,
    @inject(MoneyPlusSubscriptionRepository) private readonly subscriptions: MoneyPlusSubscriptionRepository,
  ) {}

  async execute({ uid, bizId }: QueryFieldCommand): Promise<QueryFieldOutput> {
    const partner = this.partners.find(bizId);
    if (!partner) throw new PartnerNotFound(bizId);
    // A partner reads only the users who subscribed to it (SPEC 5.3).
    if (!(await this.subscriptions.bizIdsOf(uid)).includes(bizId)) throw new SubscriptionNotFound(bizId);
    const profile = await this.profiles.find(uid);
    if (!profile) throw new KycProfileNotFound();
    const fields: Record<string, string | boolean> = {};
    for (const name of partner.queryFields) if (isInfoField(name)) fields[name] = moneyPlusValue(profile.info, name);
    fields.ic_type = profile.info.icType ?? '';
    fields.has_pending_case = hasPendingCase(profile);
    return { uid, bizId, fields };
  }
}

export function hasPendingCase(profile: KycProfile): boolean {
  return profile.status?.clientStatus === CLIENT_STATUS.PENDING;
}
