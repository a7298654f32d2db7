import { inject, injectable, multiInject, optional } from 'inversify';
import type { LifecycleHook } from '../lifecycle/LifecycleHook.js';
import { Logger } from '../logging/Logger.js';
import { Database } from './Database.js';
import { ReplicaReadsObserver, type ReplicaFallbackReason, type ReplicaSkipReason } from './ReplicaReadsObserver.js';

/** At most one log line per fallback reason in this long, carrying how many reads fell back since the last. */
const FALLBACK_LOG_INTERVAL_MS = 10000;

/**
 * Starts the replicas' probe once the migrations ran, and says in the log when a replica is
 * skipped or used again, and (rate-limited) when reads meant for a replica went to the primary.
 */
@injectable()
export class ReplicaProbeHook implements LifecycleHook, ReplicaReadsObserver {
  readonly name = 'replica-probe';
  private readonly unlogged = new Map<ReplicaFallbackReason, { count: number; loggedAt: number }>();

  constructor(
    @inject(Database) private readonly database: Database,
    @inject(Logger) private readonly logger: Logger,
    @multiInject(ReplicaReadsObserver) @optional() private readonly observers: readonly ReplicaReadsObserver[] = [],
  ) {}

  async start(): Promise<void> {
    await this.database.startReplicaProbes([this, ...this.observers]);
  }

  async stop(): Promise<void> {
    // Database.close stops the probe with the pools.
  }

  fellBack(reason: ReplicaFallbackReason): void {
    const now = Date.now();
    const entry = this.unlogged.get(reason) ?? { count: 0, loggedAt: 0 };
    entry.count += 1;
    this.unlogged.set(reason, entry);
    if (now - entry.loggedAt < FALLBACK_LOG_INTERVAL_MS) return;
    this.logger.warn({ reason, reads: entry.count }, 'replica reads went to the primary');
    entry.count = 0;
    entry.loggedAt = now;
  }

  replicaChanged(replica: string, skipped: ReplicaSkipReason | undefined): void {
    if (skipped) this.logger.warn({ replica, reason: skipped }, 'read replica skipped');
    else this.logger.info({ replica }, 'read replica in use');
  }
}
