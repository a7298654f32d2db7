import { KycEventAlreadyProcessed } from '../../core/kyc-change-notifier/errors.js';
import type { KycProfile } from '../../core/kyc-change-notifier/KycProfile.js';
import type {
  KycHistoryEntry,
  KycHistoryRepository,
  KycProfileRepository,
  MoneyPlusPartner,
  MoneyPlusPartnerDirectory,
  MoneyPlusSubscriptionRepository,
  ProcessedKycEvent,
  ProcessedKycEventRepository,
} from '../../core/kyc-change-notifier/ports.js';
import type { Snapshotting } from './InMemoryUnitOfWork.js';

export class InMemoryKycProfiles implements KycProfileRepository, Snapshotting {
  profiles = new Map<string, KycProfile>();
  saves = 0;

  add(profile: KycProfile): this {
    this.profiles.set(profile.uid, profile);
    return this;
  }

  async lockOrCreate(fresh: KycProfile): Promise<{ profile: KycProfile; created: boolean }> {
    const existing = this.profiles.get(fresh.uid);
    if (existing) return { profile: existing, created: false };
    this.profiles.set(fresh.uid, fresh);
    return { profile: fresh, created: true };
  }

  async save(profile: KycProfile): Promise<void> {
    this.saves += 1;
    this.profiles.set(profile.uid, profile);
  }

  async find(uid: string): Promise<KycProfile | null> {
    return this.profiles.get(uid) ?? null;
  }

  snapshot(): unknown {
    return new Map(this.profiles);
  }

  restore(state: unknown): void {
    this.profiles = state as Map<string, KycProfile>;
  }
}

export class InMemoryKycHistory implements KycHistoryRepository, Snapshotting {
  entries: KycHistoryEntry[] = [];

  async record(entry: KycHistoryEntry): Promise<void> {
    this.entries.push(entry);
  }

  async listFor(uid: string): Promise<KycHistoryEntry[]> {
    return this.entries.filter((entry) => entry.uid === uid);
  }

  snapshot(): unknown {
    return [...this.entries];
  }

  restore(state: unknown): void {
    this.entries = state as KycHistoryEntry[];
  }
}

export class InMemoryProcessedKycEvents implements ProcessedKycEventRepository, Snapshotting {
  events = new Map<string, ProcessedKycEvent>();
  /** Makes the next `find` miss, as when a concurrent request records the same eventId first. */
  raceOnce = false;

  async find(eventId: string): Promise<ProcessedKycEvent | null> {
    if (this.raceOnce) {
      this.raceOnce = false;
      return null;
    }
    return this.events.get(eventId) ?? null;
  }

  async record(event: ProcessedKycEvent): Promise<void> {
    if (this.events.has(event.eventId)) throw new KycEventAlreadyProcessed(event.eventId);
    this.events.set(event.eventId, event);
  }

  snapshot(): unknown {
    return new Map(this.events);
  }

  restore(state: unknown): void {
    this.events = state as Map<string, ProcessedKycEvent>;
  }
}

export class InMemoryMoneyPlusSubscriptions implements MoneyPlusSubscriptionRepository, Snapshotting {
  subscriptions = new Set<string>();

  private static keyOf(uid: string, bizId: string): string {
    return JSON.stringify([uid, bizId]);
  }

  async bizIdsOf(uid: string): Promise<string[]> {
    return [...this.subscriptions]
      .map((key) => JSON.parse(key) as [string, string])
      .filter(([owner]) => owner === uid)
      .map(([, bizId]) => bizId)
      .sort();
  }

  async subscribe(uid: string, bizId: string): Promise<void> {
    this.subscriptions.add(InMemoryMoneyPlusSubscriptions.keyOf(uid, bizId));
  }

  async unsubscribe(uid: string, bizId: string): Promise<void> {
    this.subscriptions.delete(InMemoryMoneyPlusSubscriptions.keyOf(uid, bizId));
  }

  snapshot(): unknown {
    return new Set(this.subscriptions);
  }

  restore(state: unknown): void {
    this.subscriptions = state as Set<string>;
  }
}

export class FixedPartnerDirectory implements MoneyPlusPartnerDirectory {
  constructor(private readonly partners: readonly MoneyPlusPartner[]) {}

  find(bizId: string): MoneyPlusPartner | null {
    return this.partners.find((partner) => partner.bizId === bizId) ?? null;
  }
}
