import { configMode } from '../config/loadConfig.js';
import { MidplatService } from '../config/MidplatService.js';
import { configOrExit, runMain, scriptConfig } from './runScript.js';

/** Past the grace period the HTTP server has cut its connections; this much more is for hooks and the pool. */
const SHUTDOWN_MARGIN_MS = 2000;

runMain(async () => {
  const service = new MidplatService(configOrExit());
  // SPEC 2.2.1: the demo says so before anything else, so nobody mistakes it for a production start.
  if (configMode(process.env) === 'demo') {
    service.logger.warn(
      { mode: 'demo' },
      'embedded demo (neither MIDPLAT_CONFIG nor DATABASE_URL is set): SQLite, simulators, demo tokens, demo institutions, demo data; not for production',
    );
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    service.logger.info({ signal, graceMs: service.config.http.shutdownGraceMs }, 'shutting down');
    const watchdog = setTimeout(() => {
      service.logger.error('shutdown overran its grace period; exiting');
      process.exit(1);
    }, service.config.http.shutdownGraceMs + SHUTDOWN_MARGIN_MS);
    watchdog.unref();
    service.stop().then(
      () => {
        service.logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        service.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  // Reload (SPEC 2.2.2): the configuration file and its secret references, read again.
  process.on('SIGHUP', () => {
    if (!stopping) void service.reload(scriptConfig);
  });
  await service.start();
});
