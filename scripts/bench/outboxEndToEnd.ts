import type { ChildProcess } from 'node:child_process';
import { loadBenchData, subscribedUsers } from './benchData.js';
import type { Benchmark, BenchResult } from './BenchResult.js';
import { BenchSecrets, forkBenchServer, percentile, startMidplatProcess, type RunningChild } from './childServer.js';
import { scratchDatabase } from './postLoad.js';

const PATH = '/intranet/api/v1.0/kyc/KycChanged';
const POSTERS = 16;
const USERS = 200;
const log = (line: string) => process.stderr.write(`[outbox-e2e] ${line}\n`);
const uidOf = (n: number) => `E${String(n % USERS).padStart(6, '0')}`;

interface ReceiverStats {
  received: number;
  distinct: number;
  latenciesMs: number[];
}

function ask<T>(child: ChildProcess, command: string): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (message: T) => resolve(message));
    child.send(command);
  });
}

/** One POST after another to the receiver, no database: the baseline of the issue. */
async function rawPostLoop(url: string, seconds: number): Promise<number> {
  const body = JSON.stringify({ event: 'KYC_INFO_CHANGED', biz_id: 'MPLUS', uid: 'E000001', event_id: 'raw', data: { changed_fields: ['name'], name: 'Bench User' } });
  const started = performance.now();
  let sent = 0;
  while (performance.now() - started < seconds * 1000) {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'webhook-id': `raw-${sent}` }, body });
    await response.text();
    sent += 1;
  }
  return sent / ((performance.now() - started) / 1000);
}

/**
 * The outbox end to end through the API, on MariaDB: 16 concurrent posters send KycChanged
 * INFO events for 200 subscribed users for BENCH_DURATION_S; each queues a signed Money+
 * callback that the Midplat process's own outbox worker delivers to a real receiver in
 * another process. Delivered msg/s against a raw POST loop to the same receiver (target
 * 0.5x), and enqueue → delivered p50/p99 while events keep arriving (targets 50 / 500 ms).
 */
export const benchmark: Benchmark = {
  name: 'outbox-e2e',
  description: `KycChanged -> outbox -> Money+ receiver through the API (${POSTERS} posters, ${USERS} subscribed users, MariaDB) vs a raw POST loop`,
  async run(): Promise<BenchResult> {
    const seconds = Number(process.env.BENCH_DURATION_S ?? 10);
    const db = await scratchDatabase('mariadb');
    const secrets = new BenchSecrets();
    const children: RunningChild[] = [];
    try {
      await loadBenchData(db.url, subscribedUsers(Array.from({ length: USERS }, (_, n) => uidOf(n))));
      const receiver = await forkBenchServer('leastWork/webhookReceiver.js', {});
      children.push(receiver);
      const callbackUrl = `${receiver.url}/moneyplus/callback`;
      const midplat = await startMidplatProcess({
        config: { ...secrets.configFor(callbackUrl), database: { url: db.url, poolMax: 10 } },
        cpuProfileDir: process.env.BENCH_CPU_PROF_DIR,
      });
      children.push(midplat);

      await rawPostLoop(callbackUrl, 2);
      const rawRate = await rawPostLoop(callbackUrl, seconds);
      await ask(receiver.process, 'reset');

      let sent = 0;
      let queued = 0;
      const headers = { 'content-type': 'application/json', acstkn: secrets.token };
      const started = performance.now();
      const poster = async () => {
        while (performance.now() - started < seconds * 1000) {
          const n = (sent += 1);
          const response = await fetch(`${midplat.url}${PATH}`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ eventId: `e2e-${n}`, uid: uidOf(n), occurredAt: 1700000000 + n, type: 'INFO', info: { name: `Bench User ${n}` } }),
          });
          const body = (await response.json()) as { data?: { callbacks: unknown[] } };
          if (response.status !== 200) throw new Error(`KycChanged answered ${response.status}: ${JSON.stringify(body)}`);
          queued += body.data!.callbacks.length;
        }
      };
      await Promise.all(Array.from({ length: POSTERS }, poster));
      const postedSeconds = (performance.now() - started) / 1000;
      log(`${sent} events posted in ${postedSeconds.toFixed(1)} s (${(sent / postedSeconds).toFixed(0)}/s), ${queued} callbacks queued`);
      let stats = await ask<ReceiverStats>(receiver.process, 'stats');
      const deliveredWhilePosting = stats.distinct;
      const deadline = performance.now() + 120_000;
      while (stats.distinct < queued && performance.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        stats = await ask<ReceiverStats>(receiver.process, 'stats');
      }
      const allSeconds = (performance.now() - started) / 1000;
      if (stats.distinct < queued) throw new Error(`only ${stats.distinct}/${queued} callbacks delivered`);
      const endToEndRate = queued / allSeconds;
      const p50 = percentile(stats.latenciesMs, 50);
      const p99 = percentile(stats.latenciesMs, 99);
      log(`delivered ${deliveredWhilePosting} while posting, all ${queued} after ${allSeconds.toFixed(1)} s; enqueue->delivered p50 ${p50} ms, p99 ${p99} ms`);
      return {
        name: 'outbox-e2e',
        figures: [
          { label: 'raw POST loop to the receiver', value: rawRate, unit: 'msg/s' },
          { label: `KycChanged events posted (${POSTERS} posters)`, value: sent / postedSeconds, unit: 'req/s' },
          { label: 'callbacks delivered end to end (first post to last delivery)', value: endToEndRate, unit: 'msg/s' },
          { label: 'callbacks delivered while posting', value: deliveredWhilePosting / postedSeconds, unit: 'msg/s' },
          { label: 'enqueue->delivered p50', value: p50, unit: 'ms' },
          { label: 'enqueue->delivered p99', value: p99, unit: 'ms' },
          { label: 'deliveries the receiver saw (retries included)', value: stats.received, unit: 'POSTs' },
        ],
        ratios: [
          { label: 'outbox end to end / raw POST loop', value: endToEndRate / rawRate, target: 0.5 },
          { label: '50 ms / enqueue->delivered p50 (>= 1: p50 <= 50 ms)', value: 50 / Math.max(p50, 0.001), target: 1 },
          { label: '500 ms / enqueue->delivered p99 (>= 1: p99 <= 500 ms)', value: 500 / Math.max(p99, 0.001), target: 1 },
        ],
      };
    } finally {
      for (const child of [...children].reverse()) await child.stop();
      await db.drop();
    }
  },
};
