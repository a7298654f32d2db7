import { inject, injectable } from 'inversify';
import { Counter, Gauge } from 'prom-client';
import type { ReplicaFallbackReason, ReplicaReadsObserver, ReplicaSkipReason } from '../persistence/ReplicaReadsObserver.js';
import { MetricsRegistry } from './MetricsRegistry.js';

/**
 * `midplat_db_replica_fallbacks_total{reason}`: reads meant for a replica that the primary
 * answered (every replica down, behind on lag or on schema, or `error`: the replica failed
 * the read, which was retried on the primary); `midplat_db_replica_usable{replica}`: 1 while
 * the probe finds the replica usable.
 */
@injectable()
export class ReplicaReadMetrics implements ReplicaReadsObserver {
  private readonly fallbacks: Counter<'reason'>;
  private readonly usable: Gauge<'replica'>;

  constructor(@inject(MetricsRegistry) registry: MetricsRegistry) {
    this.fallbacks = new Counter({
      name: 'midplat_db_replica_fallbacks_total',
      help: 'Reads meant for a read replica that went to the primary, by why (down, lag, schema, error)',
      labelNames: ['reason'],
      registers: [registry],
    });
    this.usable = new Gauge({ name: 'midplat_db_replica_usable', help: '1 while the read replica is used, 0 while it is skipped', labelNames: ['replica'], registers: [registry], aggregator: 'min' });
  }

  fellBack(reason: ReplicaFallbackReason): void {
    this.fallbacks.inc({ reason });
  }

  replicaChanged(replica: string, skipped: ReplicaSkipReason | undefined): void {
    this.usable.set({ replica }, skipped ? 0 : 1);
  }
}
