/**
 * A child process of the buffered-log test: logs `argv[2]` lines through Midplat's logger (its
 * default destination, buffered stdout) at once, then, on SIGTERM, exits as a shutdown does.
 */
import { createLogger } from '../../adapters/logging/Logger.js';

const lines = Number(process.argv[2]);
const logger = createLogger('info');
process.on('SIGTERM', () => process.exit(0));
for (let n = 0; n < lines; n += 1) logger.info({ writer: process.pid, n, padding: 'x'.repeat(300) }, 'burst');
process.stderr.write('logged\n');
setInterval(() => undefined, 1000);
