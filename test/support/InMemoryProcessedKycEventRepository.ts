import { KycEventAlreadyProcessed } from '../../core/kyc-change-notifier/errors.js';
import type { ProcessedKycEvent, ProcessedKycEventRepository } from '../../core/kyc-change-notifier/ports.js';
import type { Snapshotting } from './InMemoryUnitOfWork.js';

export class InMemoryProcessedKycEventRepository implements ProcessedKycEventRepository, Snapshotting {
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
