import { AggregatorRegistry, collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { ClusterRequest, WORKER_METRICS_TIMEOUT_MS } from './clusterRequests.js';
import type { IpcChannel } from './IpcChannel.js';

/**
 * The primary's side of `/metrics` for a process group: its own metrics (restarts, workers
 * listening, its process_*) and every listening worker's registry, aggregated by
 * prom-client's AggregatorRegistry: counters and histograms summed, gauges by the
 * `aggregator` each declares.
 */
export class ClusterGroupMetrics {
  private readonly registry = new Registry();
  readonly restarts: Counter;
  readonly listening: Gauge;

  constructor() {
    // The primary's process_* join the sums, so process_resident_memory_bytes is the group's.
    collectDefaultMetrics({ register: this.registry });
    this.restarts = new Counter({
      name: 'midplat_cluster_worker_restarts_total',
      help: 'Worker processes the primary started again after one died',
      registers: [this.registry],
    });
    this.listening = new Gauge({
      name: 'midplat_cluster_workers',
      help: 'Worker processes of this group that are listening',
      registers: [this.registry],
    });
  }

  /** Fails when a worker does not answer: a sum without it would read as a counter reset. */
  async exposition(workers: readonly IpcChannel[]): Promise<string> {
    const parts = await Promise.all(workers.map((worker) => worker.request<object[]>(ClusterRequest.workerMetrics, WORKER_METRICS_TIMEOUT_MS)));
    parts.push(await this.registry.getMetricsAsJSON());
    return AggregatorRegistry.aggregate(parts).metrics();
  }
}
