import { KycChangeNotifier } from '../../../core/kyc-change-notifier/KycChangeNotifier.js';
import type { KycProfile } from '../../../core/kyc-change-notifier/KycProfile.js';
import type { MoneyPlusCallbackPayload } from '../../../core/kyc-change-notifier/MoneyPlusCallback.js';
import type { Outbox } from '../../../core/shared/Outbox.js';
import { ManualClock } from '../../support/ManualClock.js';
import { InMemoryMoneyPlusPartnerDirectory } from '../../support/InMemoryMoneyPlusPartnerDirectory.js';
import { InMemoryKycHistoryRepository } from '../../support/InMemoryKycHistoryRepository.js';
import { InMemoryKycProfileRepository } from '../../support/InMemoryKycProfileRepository.js';
import { InMemoryMoneyPlusSubscriptionRepository } from '../../support/InMemoryMoneyPlusSubscriptionRepository.js';
import { InMemoryProcessedKycEventRepository } from '../../support/InMemoryProcessedKycEventRepository.js';
import { InMemoryOutbox } from '../../support/InMemoryOutbox.js';
import { InMemoryUnitOfWork } from '../../support/InMemoryUnitOfWork.js';

export const context = { requestId: 'req-1', consumer: 'kyc-ops' };

/** A KycChangeNotifier on in-memory ports, with partner MPLUS (and OTHER) configured. */
export function kycWorld(options: { profiles?: KycProfile[]; subscribed?: [uid: string, bizId: string][]; outbox?: Outbox } = {}) {
  const profiles = new InMemoryKycProfileRepository();
  for (const profile of options.profiles ?? []) profiles.add(profile);
  const history = new InMemoryKycHistoryRepository();
  const processed = new InMemoryProcessedKycEventRepository();
  const subscriptions = new InMemoryMoneyPlusSubscriptionRepository();
  for (const [uid, bizId] of options.subscribed ?? []) subscriptions.subscriptions.add(JSON.stringify([uid, bizId]));
  const outbox = new InMemoryOutbox();
  const partners = new InMemoryMoneyPlusPartnerDirectory([
    { bizId: 'MPLUS', queryFields: ['name', 'phone', 'nationality', 'mailing_address', 'nature_of_business', 'occupation'] },
    { bizId: 'OTHER', queryFields: ['name'] },
  ]);
  const unitOfWork = new InMemoryUnitOfWork([profiles, history, processed, subscriptions, outbox]);
  const clock = new ManualClock();
  const notifier = new KycChangeNotifier(unitOfWork, profiles, history, processed, subscriptions, partners, options.outbox ?? outbox, clock);
  const payloads = () => outbox.messages.map((message) => message.payload as MoneyPlusCallbackPayload);
  return { profiles, history, processed, subscriptions, outbox, partners, unitOfWork, clock, notifier, payloads };
}
