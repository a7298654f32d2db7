import type { KycProfile } from '../../core/kyc-change-notifier/KycProfile.js';
import type { KycProfileRepository } from '../../core/kyc-change-notifier/ports.js';
import type { Snapshotting } from './InMemoryUnitOfWork.js';

export class InMemoryKycProfileRepository implements KycProfileRepository, Snapshotting {
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
