import cluster, { type Worker } from 'node:cluster';
import type { Logger } from '../logging/Logger.js';
import { ClusterRequest } from './clusterRequests.js';
import type { ClusterGroupMetrics } from './ClusterGroupMetrics.js';
import { IpcChannel } from './IpcChannel.js';

export interface ClusterPrimarySettings {
  readonly workers: number;
  /** Each worker's own shutdown grace (`http.shutdownGraceMs`). */
  readonly shutdownGraceMs: number;
}

/** The wait before a dead worker's replacement starts: it grows while replacements keep dying. */
export const RESTART_BACKOFF_MS = [500, 1000, 2000, 5000, 10000, 30000] as const;
/** A worker that stayed up this long resets its slot's backoff. */
const STABLE_AFTER_MS = 30000;
/** A worker exits by itself at most 2 s past its grace; past this further margin the primary kills it. */
export const STOP_MARGIN_MS = 4000;

export interface WorkerExit {
  readonly code: number | null;
  readonly signal: string | null;
}

/** One of the `workers` places: the worker in it now, and how its predecessors fared. */
interface Slot {
  readonly index: number;
  worker?: Worker;
  channel?: IpcChannel;
  exited?: Promise<WorkerExit>;
  listeningSince?: number;
  crashes: number;
  restartTimer?: NodeJS.Timeout;
}

/**
 * The primary of a `node:cluster` group (`http.workers` > 1): forks the workers, which share
 * the listening port; answers what they ask (the configuration, the group's metrics); starts
 * a dead worker again after a backoff (logged, counted); on stop, lets every worker drain
 * (each runs its own graceful shutdown) and waits until all have exited.
 */
export class ClusterPrimary {
  private readonly slots: Slot[];
  private started = false;
  private stopping = false;

  constructor(
    private readonly settings: ClusterPrimarySettings,
    private readonly logger: Logger,
    private readonly metrics: ClusterGroupMetrics,
    /** What a worker asking for its configuration gets (a reload replaces it). */
    private workerConfig: unknown,
  ) {
    this.slots = Array.from({ length: settings.workers }, (_, index) => ({ index, crashes: 0 }));
  }

  /** Resolves with the shared port once every worker listens; if one exits first, stops the others and fails. */
  async start(): Promise<number> {
    try {
      const ports = await Promise.all(this.slots.map((slot) => this.fork(slot)));
      this.started = true;
      return ports[0]!;
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /**
   * Reload (SIGHUP): every running worker is signalled and re-reads its configuration itself; a worker
   * started later gets `config` (the primary's own reading, when it was valid).
   */
  reload(config: unknown | undefined): void {
    if (config !== undefined) this.workerConfig = config;
    for (const slot of this.slots) slot.worker?.process.kill('SIGHUP');
  }

  /** Asks every worker to shut down (SIGTERM: each drains), kills those that overrun; true when all exited 0. */
  async stop(): Promise<boolean> {
    this.stopping = true;
    for (const slot of this.slots) clearTimeout(slot.restartTimer);
    const running = this.slots.filter((slot) => slot.worker !== undefined);
    const exits = running.map((slot) => slot.exited!);
    for (const slot of running) slot.worker!.process.kill('SIGTERM');
    const killer = setTimeout(() => {
      for (const slot of running) slot.worker?.process.kill('SIGKILL');
    }, this.settings.shutdownGraceMs + STOP_MARGIN_MS);
    const results = await Promise.all(exits);
    clearTimeout(killer);
    return results.every((result) => result.code === 0);
  }

  /** Starts a worker in the slot; resolves with its port once it listens, fails if it exits before. */
  private fork(slot: Slot): Promise<number> {
    const worker = cluster.fork();
    const channel = IpcChannel.toWorker(worker);
    channel.handle(ClusterRequest.config, () => this.workerConfig);
    channel.handle(ClusterRequest.groupMetrics, () => this.metrics.exposition(this.listeningChannels()));
    const forkedAt = Date.now();
    slot.worker = worker;
    slot.channel = channel;
    slot.listeningSince = undefined;
    // Not `pid`: the log masking takes that key for a personal ID.
    const who = { slot: slot.index, worker: worker.id, processId: worker.process.pid };
    this.logger.info(who, 'worker started');
    // A broken IPC pipe must not bring the primary down; the worker's exit follows.
    worker.on('error', (error) => this.logger.warn({ ...who, err: error }, 'worker link error'));
    slot.exited = new Promise((resolve) => worker.once('exit', (code, signal) => resolve({ code, signal })));
    return new Promise<number>((resolve, reject) => {
      worker.once('listening', (address) => {
        slot.listeningSince = Date.now();
        this.metrics.listening.inc();
        this.logger.info({ ...who, port: address.port }, 'worker listening');
        resolve(address.port);
      });
      void slot.exited!.then((exit) => {
        channel.close();
        const wasListening = slot.listeningSince !== undefined;
        if (wasListening) this.metrics.listening.dec();
        slot.worker = undefined;
        slot.channel = undefined;
        if (!wasListening) reject(new Error(`worker ${worker.id} exited (${exit.signal ?? `code ${exit.code}`}) before it listened`));
        if (this.stopping || !this.started) {
          this.logger.info({ ...who, ...exit }, 'worker exited');
          return;
        }
        this.restart(slot, who, exit, Date.now() - forkedAt);
      });
    });
  }

  private restart(slot: Slot, who: object, exit: WorkerExit, livedMs: number): void {
    if (livedMs >= STABLE_AFTER_MS) slot.crashes = 0;
    const delayMs = RESTART_BACKOFF_MS[Math.min(slot.crashes, RESTART_BACKOFF_MS.length - 1)]!;
    slot.crashes += 1;
    this.metrics.restarts.inc();
    this.logger.error({ ...who, ...exit, restartInMs: delayMs }, 'worker died; starting another');
    slot.restartTimer = setTimeout(() => {
      slot.restartTimer = undefined;
      // Its failure to listen is logged and retried by the exit above.
      if (!this.stopping) this.fork(slot).catch(() => undefined);
    }, delayMs);
  }

  private listeningChannels(): IpcChannel[] {
    return this.slots.filter((slot) => slot.listeningSince !== undefined && slot.channel).map((slot) => slot.channel!);
  }
}
