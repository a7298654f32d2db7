import { inject, injectable } from 'inversify';
import { Clock } from '../shared/Clock.js';
import { OutboxConsoleStore, type OutboxStatusCount } from './ports.js';

export interface OutboxOverviewQuery {
  /** How far back the per-minute series goes. */
  readonly hours: number;
}

export interface OutboxOverviewResult {
  readonly counts: OutboxStatusCount[];
  readonly oldestPendingAgeSeconds: number | null;
  /** Delivered (successful) and failed attempts per minute, oldest first; empty minutes left out. */
  readonly series: Array<{ minute: Date; delivered: number; failed: number }>;
}

const MINUTE_MS = 60_000;

/** The console's overview: counts by status and topic, the oldest pending age, attempts per minute. */
@injectable()
export class OutboxOverview {
  constructor(
    @inject(OutboxConsoleStore) private readonly store: OutboxConsoleStore,
    @inject(Clock) private readonly clock: Clock,
  ) {}

  async execute(query: OutboxOverviewQuery): Promise<OutboxOverviewResult> {
    const now = this.clock.now();
    // Whole minutes, so the first bucket of the chart is not a partial one.
    const since = new Date(Math.floor((now.getTime() - query.hours * 3_600_000) / MINUTE_MS) * MINUTE_MS);
    const [counts, oldestPending, minutes] = await Promise.all([
      this.store.countsByStatusAndTopic(),
      this.store.oldestPendingCreatedAt(),
      this.store.attemptsPerMinute(since),
    ]);
    return {
      counts,
      oldestPendingAgeSeconds: oldestPending === null ? null : Math.max(0, Math.floor((now.getTime() - oldestPending.getTime()) / 1000)),
      series: minutes.map((m) => ({ minute: m.minute, delivered: m.succeeded, failed: m.failed })),
    };
  }
}
