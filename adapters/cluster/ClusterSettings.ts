import { availableParallelism } from 'node:os';

/** `http.workers`: how many processes serve on this machine (SPEC 9); `"auto"` is one per core. */
export type WorkerCountSetting = number | 'auto';

/** The part of the `http` section that decides between one process and a `node:cluster` group. */
export interface ClusterSettings {
  readonly workers: WorkerCountSetting;
}

/** The number of worker processes a setting means on this machine. */
export function workerCount(setting: WorkerCountSetting, cores: number = availableParallelism()): number {
  return setting === 'auto' ? Math.max(1, cores) : setting;
}
