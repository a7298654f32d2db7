import type { MoneyPlusSubscriptionRepository } from '../../core/kyc-change-notifier/ports.js';
import type { Snapshotting } from './InMemoryUnitOfWork.js';

export class InMemoryMoneyPlusSubscriptionRepository implements MoneyPlusSubscriptionRepository, Snapshotting {
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
    this.subscriptions.add(InMemoryMoneyPlusSubscriptionRepository.keyOf(uid, bizId));
  }

  async unsubscribe(uid: string, bizId: string): Promise<void> {
    this.subscriptions.delete(InMemoryMoneyPlusSubscriptionRepository.keyOf(uid, bizId));
  }

  snapshot(): unknown {
    return new Set(this.subscriptions);
  }

  restore(state: unknown): void {
    this.subscriptions = state as Set<string>;
  }
}
