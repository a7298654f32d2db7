import type { MetricsExposition } from '../metrics/MetricsExposition.js';
import type { MetricsRegistry } from '../metrics/MetricsRegistry.js';
import { ClusterRequest, GROUP_METRICS_TIMEOUT_MS } from './clusterRequests.js';
import type { IpcChannel } from './IpcChannel.js';

/**
 * `/metrics` in a worker of a process group: whichever worker takes the scrape asks the
 * primary, which gathers every worker's registry (this one answers through `registry`)
 * and aggregates them (prom-client's AggregatorRegistry).
 */
export class WorkerMetricsExposition implements MetricsExposition {
  readonly contentType: string;

  constructor(
    private readonly primary: IpcChannel,
    registry: MetricsRegistry,
  ) {
    this.contentType = registry.contentType;
    primary.handle(ClusterRequest.workerMetrics, () => registry.getMetricsAsJSON());
  }

  metrics(): Promise<string> {
    return this.primary.request<string>(ClusterRequest.groupMetrics, GROUP_METRICS_TIMEOUT_MS);
  }
}
