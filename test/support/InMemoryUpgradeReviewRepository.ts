import type { UpgradeReview, UpgradeReviewRepository } from '../../core/upgrade-account/ports.js';
import type { Snapshotting } from './InMemoryUnitOfWork.js';

export class InMemoryUpgradeReviewRepository implements UpgradeReviewRepository, Snapshotting {
  reviews: UpgradeReview[] = [];

  async record(review: UpgradeReview): Promise<void> {
    this.reviews.push(review);
  }

  async recordAll(reviews: readonly UpgradeReview[]): Promise<void> {
    this.reviews.push(...reviews);
  }

  snapshot(): unknown {
    return [...this.reviews];
  }

  restore(state: unknown): void {
    this.reviews = state as UpgradeReview[];
  }
}
