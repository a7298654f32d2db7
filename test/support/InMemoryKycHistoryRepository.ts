import type { KycHistoryEntry, KycHistoryRepository } from '../../core/kyc-change-notifier/ports.js';
import type { Snapshotting } from './InMemoryUnitOfWork.js';

export class InMemoryKycHistoryRepository implements KycHistoryRepository, Snapshotting {
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
