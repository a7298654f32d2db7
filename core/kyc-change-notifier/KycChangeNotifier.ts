import { inject, injectable } from 'inversify';
import { Clock } from '../shared/Clock.js';
import { Outbox } from '../shared/Outbox.js';
import type { RequestContext } from '../shared/RequestContext.js';
import { UnitOfWork } from '../shared/UnitOfWork.js';
import { applyKycEvent, type MoneyPlusNotice } from './applyKycEvent.js';
import { KycEventAlreadyProcessed } from './errors.js';
import { newProfile } from './KycProfile.js';
import { MONEYPLUS_CALLBACK_TOPIC, type MoneyPlusCallbackPayload } from './MoneyPlusCallback.js';
import {
  KycHistoryRepository,
  KycProfileRepository,
  MoneyPlusPartnerDirectory,
  MoneyPlusSubscriptionRepository,
  ProcessedKycEventRepository,
  type KycChangedEvent,
  type KycEventOutcome,
} from './ports.js';

export interface QueuedCallback {
  readonly bizId: string;
  /** The outbox message id: Money+ sees it as `webhook-id` and `event_id`. */
  readonly messageId: string;
}

export interface KycChangeResult {
  readonly eventId: string;
  readonly uid: string;
  readonly outcome: KycEventOutcome;
  /** The profile fields the event changed (empty unless APPLIED). */
  readonly changedFields: readonly string[];
  readonly callbacks: readonly QueuedCallback[];
}

/**
 * Mirrors a KYC change (seed 002, SPEC 5.1) and queues the Money+ callbacks it calls for.
 * The profile, its history, the processed eventId and the outbox messages commit together;
 * the user's profile row is locked meanwhile, so a user's events apply one at a time.
 */
@injectable()
export class KycChangeNotifier {
  constructor(
    @inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @inject(KycProfileRepository) private readonly profiles: KycProfileRepository,
    @inject(KycHistoryRepository) private readonly history: KycHistoryRepository,
    @inject(ProcessedKycEventRepository) private readonly processed: ProcessedKycEventRepository,
    @inject(MoneyPlusSubscriptionRepository) private readonly subscriptions: MoneyPlusSubscriptionRepository,
    @inject(MoneyPlusPartnerDirectory) private readonly partners: MoneyPlusPartnerDirectory,
    @inject(Outbox) private readonly outbox: Outbox,
    @inject(Clock) private readonly clock: Clock,
  ) {}

  async execute(event: KycChangedEvent, context: RequestContext): Promise<KycChangeResult> {
    try {
      return await this.unitOfWork.run(() => this.process(event, context));
    } catch (error) {
      // Another request recorded the same eventId between our check and our insert.
      if (error instanceof KycEventAlreadyProcessed) return duplicate(event);
      throw error;
    }
  }

  private async process(event: KycChangedEvent, context: RequestContext): Promise<KycChangeResult> {
    const { profile, created } = await this.profiles.lockOrCreate(newProfile(event.uid));
    if (await this.processed.find(event.eventId)) return duplicate(event);

    const effect = applyKycEvent(profile, event);
    if (effect.profile !== profile || created) await this.profiles.save(effect.profile);
    const now = this.clock.now();
    await this.history.record({
      uid: event.uid,
      eventId: event.eventId,
      eventType: event.type,
      outcome: effect.outcome,
      changes: effect.changes,
      note: effect.note,
      occurredAt: event.occurredAt,
      recordedAt: now,
      requestId: context.requestId,
    });
    const callbacks = effect.notice ? await this.enqueueCallbacks(event.uid, effect.notice) : [];
    await this.processed.record({
      eventId: event.eventId,
      uid: event.uid,
      eventType: event.type,
      outcome: effect.outcome,
      processedAt: now,
    });
    return {
      eventId: event.eventId,
      uid: event.uid,
      outcome: effect.outcome,
      changedFields: effect.outcome === 'APPLIED' ? effect.changes.map((change) => change.field) : [],
      callbacks,
    };
  }

  /** One message per partner the user subscribed to; unsubscribed users get none. */
  private async enqueueCallbacks(uid: string, notice: MoneyPlusNotice): Promise<QueuedCallback[]> {
    const queued: QueuedCallback[] = [];
    for (const bizId of await this.subscriptions.bizIdsOf(uid)) {
      // A subscription to a partner no longer configured has nowhere to go.
      if (!this.partners.find(bizId)) continue;
      const payload: MoneyPlusCallbackPayload = { bizId, uid, event: notice.event, data: notice.data };
      const messageId = await this.outbox.enqueue({ topic: MONEYPLUS_CALLBACK_TOPIC, partitionKey: uid, payload });
      queued.push({ bizId, messageId });
    }
    return queued;
  }
}

function duplicate(event: KycChangedEvent): KycChangeResult {
  return { eventId: event.eventId, uid: event.uid, outcome: 'DUPLICATE', changedFields: [], callbacks: [] };
}
