/** What the primary and its workers ask each other over their IpcChannel, and how long each may take. */
export const ClusterRequest = {
  /** Worker → primary: the configuration the primary validated, so every worker runs the same one. */
  config: 'config',
  /** Worker → primary: the whole group's metrics, as Prometheus text. */
  groupMetrics: 'group-metrics',
  /** Primary → worker: this worker's registry as prom-client JSON, for the aggregate. */
  workerMetrics: 'worker-metrics',
} as const;

/** The primary gives each worker this long to send its metrics; the worker waits a little longer for the total. */
export const WORKER_METRICS_TIMEOUT_MS = 3000;
export const GROUP_METRICS_TIMEOUT_MS = WORKER_METRICS_TIMEOUT_MS + 2000;
