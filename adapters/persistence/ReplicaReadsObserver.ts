/** Why a replica is skipped: unreachable, behind `database.maxReplicaLagMs` (or lag unknown), or behind the primary's migrations. */
export type ReplicaSkipReason = 'down' | 'lag' | 'schema';

/** Why a replica read went to the primary: every replica skipped, or the replica failed the read (`error`, retried once). */
export type ReplicaFallbackReason = ReplicaSkipReason | 'error';

/**
 * Told when a read meant for a replica went to the primary, and when a replica is skipped or
 * used again, so operators can chart and alert on it (the metrics adapter is one). Must not throw or block.
 */
export interface ReplicaReadsObserver {
  fellBack(reason: ReplicaFallbackReason): void;
  /** `replica` is `host:port` (never the credentials); `skipped` undefined: usable again. */
  replicaChanged(replica: string, skipped: ReplicaSkipReason | undefined): void;
}
export const ReplicaReadsObserver = Symbol.for('ReplicaReadsObserver');
