/**
 * A child process running one outbox worker against a shared database, delivering topic
 * `test.http` by HTTP POST to a receiver (the multi-process tests spawn several).
 * Environment: OUTBOX_DB_URL, OUTBOX_RECEIVER_URL, OUTBOX_WORKER, OUTBOX_LEASE_MS,
 * OUTBOX_BATCH_SIZE, OUTBOX_SCHEDULE, OUTBOX_CLAIM (`outbox.claim`), OUTBOX_HTTP_TIMEOUT_MS. Prints "ready" once started; SIGTERM stops it gracefully.
 */
import { outboxClaimSetting } from '../../../adapters/persistence/outbox/OutboxClaimMode.js';
import { buildOutboxRig } from './outboxTestRig.js';
import { HttpPostingOutboxHandler } from './HttpPostingOutboxHandler.js';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

const worker = required('OUTBOX_WORKER');
const rig = await buildOutboxRig({
  url: required('OUTBOX_DB_URL'),
  handlers: [new HttpPostingOutboxHandler(required('OUTBOX_RECEIVER_URL'), worker, 'test.http', 10, Number(process.env.OUTBOX_HTTP_TIMEOUT_MS ?? 5000))],
  settings: {
    leaseMs: Number(process.env.OUTBOX_LEASE_MS ?? 2000),
    batchSize: Number(process.env.OUTBOX_BATCH_SIZE ?? 50),
    schedule: process.env.OUTBOX_SCHEDULE ?? '*/1 * * * * *',
    backoffMs: [200, 500],
    claim: outboxClaimSetting(process.env.OUTBOX_CLAIM ?? 'auto'),
  },
  logLevel: process.env.OUTBOX_LOG_LEVEL ?? 'error',
});
process.once('SIGTERM', () => {
  void rig.close().then(() => process.exit(0));
});
await rig.worker.start();
process.stdout.write('ready\n');
