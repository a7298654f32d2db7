import cluster from 'node:cluster';
import { ClusterRequest } from '../adapters/cluster/clusterRequests.js';
import { STOP_MARGIN_MS } from '../adapters/cluster/ClusterPrimary.js';
import { workerCount } from '../adapters/cluster/ClusterSettings.js';
import { IpcChannel } from '../adapters/cluster/IpcChannel.js';
import type { Logger } from '../adapters/logging/Logger.js';
import { configMode } from '../config/loadConfig.js';
import type { MidplatConfig } from '../config/MidplatConfig.js';
import { MidplatGroup } from '../config/MidplatGroup.js';
import { MidplatService } from '../config/MidplatService.js';
import { configOrExit, runMain, scriptConfig } from './runScript.js';

/** Past the grace period the HTTP server has cut its connections; this much more is for hooks and the pool. */
const SHUTDOWN_MARGIN_MS = 2000;
/** How long a worker waits for its configuration from the primary. */
const CONFIG_TIMEOUT_MS = 10000;

/** On SIGTERM or SIGINT, stops once: exit 0 when `stop` resolves, 1 when it fails or overruns `deadlineMs`. */
function stopOnSignal(logger: () => Logger | undefined, graceMs: number, deadlineMs: number, stop: () => Promise<void>): void {
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger()?.info({ signal, graceMs }, 'shutting down');
    const watchdog = setTimeout(() => {
      logger()?.error('shutdown overran its grace period; exiting');
      process.exit(1);
    }, deadlineMs);
    watchdog.unref();
    stop().then(
      () => {
        logger()?.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger()?.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

/** One process serves (`http.workers` 1, the default), or one worker of a group with its primary's configuration. */
async function serve(config: MidplatConfig, worker?: { id: number; primary: IpcChannel }): Promise<void> {
  const service = new MidplatService(config, { worker });
  // SPEC 2.2.1: the demo says so before anything else, so nobody mistakes it for a production start.
  if (configMode(process.env) === 'demo') {
    service.logger.warn(
      { mode: 'demo' },
      'embedded demo (neither MIDPLAT_CONFIG nor DATABASE_URL is set): SQLite, simulators, demo tokens, demo institutions, demo data; not for production',
    );
  }
  const graceMs = config.http.shutdownGraceMs;
  stopOnSignal(() => service.logger, graceMs, graceMs + SHUTDOWN_MARGIN_MS, () => service.stop());
  // Reload (SPEC 2.2.2): the configuration file and its secret references, read again; in a group the
  // primary forwards SIGHUP to every worker.
  process.on('SIGHUP', () => {
    void service.reload(scriptConfig);
  });
  await service.start();
}

runMain(async () => {
  if (cluster.isWorker) {
    const primary = IpcChannel.toPrimary();
    const config = await primary.request<MidplatConfig>(ClusterRequest.config, CONFIG_TIMEOUT_MS);
    await serve(config, { id: cluster.worker!.id, primary });
    return;
  }
  const config = configOrExit();
  const workers = workerCount(config.http.workers);
  if (workers === 1) {
    await serve(config);
    return;
  }
  const group = new MidplatGroup(config, workers);
  const graceMs = config.http.shutdownGraceMs;
  stopOnSignal(() => group.logger, graceMs, graceMs + STOP_MARGIN_MS + SHUTDOWN_MARGIN_MS, () => group.stop());
  process.on('SIGHUP', () => group.reload(scriptConfig));
  await group.start();
});
