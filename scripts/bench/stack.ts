import { Writable } from 'node:stream';
import { Registry } from 'prom-client';
import { createLogger } from '../../adapters/logging/Logger.js';
import { maskPii } from '../../adapters/logging/maskPii.js';
import { HttpMetrics } from '../../adapters/metrics/HttpMetrics.js';
import type { Benchmark, BenchFigure, BenchResult } from './BenchResult.js';
import { BenchSecrets, cpuSecondsOf, forkBenchServer, median, startMidplatProcess, type RunningChild } from './childServer.js';
import { alternatingRounds, timedLoad } from './postLoad.js';
import { pino } from 'pino';

const CONNECTIONS = 32;
const VARIANTS = ['bare', 'app-silent', 'app-log-unmasked', 'app-log-per-line', 'app-log', 'app-log-metrics', 'full', 'full-scoped'] as const;
const log = (line: string) => process.stderr.write(`[stack] ${line}\n`);

/** Nanoseconds per call of `work`, after a warm-up. */
function nanosPerCall(work: () => void, calls = 200_000): number {
  for (let n = 0; n < calls / 10; n += 1) work();
  const started = process.hrtime.bigint();
  for (let n = 0; n < calls; n += 1) work();
  return Number(process.hrtime.bigint() - started) / calls;
}

/** What one access-log line and one histogram observation cost, in this process. */
function microCosts(): BenchFigure[] {
  const sink = new Writable({ write: (_chunk, _encoding, callback) => callback() });
  const masked = createLogger('info', sink);
  const unmasked = pino({ level: 'info', base: { service: 'midplat' }, timestamp: pino.stdTimeFunctions.isoTime }, sink);
  const record = () => ({ requestId: '6f1c3c2e-0d7b-4b53-9d0e-8f3a1d2b4c5e', method: 'GET', route: '/healthz', status: 200, durationMs: 0.4, consumer: undefined });
  const metrics = new HttpMetrics(new Registry());
  return [
    { label: 'maskPii over the access-log record', value: nanosPerCall(() => maskPii(record())), unit: 'ns/call' },
    { label: 'access-log line, Midplat logger (masking formatter)', value: nanosPerCall(() => masked.info(record(), 'request')), unit: 'ns/call' },
    { label: 'access-log line, same pino options without the formatter', value: nanosPerCall(() => unmasked.info(record(), 'request')), unit: 'ns/call' },
    { label: 'HTTP duration histogram observe', value: nanosPerCall(() => metrics.observe({ method: 'GET', route: '/healthz', status: 200, durationSeconds: 0.0004 })), unit: 'ns/call' },
  ];
}

/**
 * `GET /healthz` on the real Midplat process (every middleware, access log to stdout)
 * against bare Koa + @koa/router, 32 connections, alternating rounds (target 0.7x); then
 * each layer of the stack alone (`leastWork/stackVariant.ts`) for the per-middleware cost.
 */
export const benchmark: Benchmark = {
  name: 'stack',
  description: `Midplat's request stack alone: GET /healthz vs bare Koa (${CONNECTIONS} connections), and each middleware's share`,
  async run(): Promise<BenchResult> {
    const seconds = Number(process.env.BENCH_DURATION_S ?? 10);
    const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
    const children: RunningChild[] = [];
    try {
      const midplat = await startMidplatProcess({ config: { ...new BenchSecrets().configFor(), database: { url: 'sqlite::memory:', poolMax: 1 } }, cpuProfileDir: process.env.BENCH_CPU_PROF_DIR });
      children.push(midplat);
      const bare = await forkBenchServer('leastWork/stackVariant.js', { VARIANT: 'bare' });
      children.push(bare);
      const load = (url: string, duration = seconds) => timedLoad({ url, path: '/healthz', headers: {}, connections: CONNECTIONS, seconds: duration });
      await load(midplat.url, 3);
      await load(bare.url, 3);
      const result = await alternatingRounds(rounds, { load: () => load(midplat.url) }, { load: () => load(bare.url) }, log);
      const figures: BenchFigure[] = [
        { label: 'Midplat GET /healthz req/s (median)', value: median(result.ours.map((r) => r.requestsPerSecond)), unit: 'req/s' },
        { label: 'bare Koa GET /healthz req/s (median)', value: median(result.theirs.map((r) => r.requestsPerSecond)), unit: 'req/s' },
      ];
      // Each layer set's CPU time per request (what the server process spent, /proc), which
      // machine load disturbs far less than throughput does.
      const cpuPerRequest = async (server: RunningChild): Promise<number> => {
        await load(server.url, 2);
        const samples: number[] = [];
        for (let round = 0; round < 3; round += 1) {
          const before = cpuSecondsOf(server.process.pid!);
          const run = await load(server.url, Math.max(3, seconds / 2));
          samples.push(((cpuSecondsOf(server.process.pid!) - before) * 1e6) / (run.requestsPerSecond * Math.max(3, seconds / 2)));
        }
        return median(samples);
      };
      const midplatCpu = await cpuPerRequest(midplat);
      let bareCpu = 0;
      for (const variant of VARIANTS) {
        const server = variant === 'bare' ? bare : await forkBenchServer('leastWork/stackVariant.js', { VARIANT: variant });
        try {
          const micros = await cpuPerRequest(server);
          if (variant === 'bare') bareCpu = micros;
          log(`${variant}: ${micros.toFixed(1)} us CPU per request`);
          figures.push({ label: `CPU per request, layers '${variant}'`, value: micros, unit: 'us' });
        } finally {
          if (server !== bare) await server.stop();
        }
      }
      figures.push({ label: 'CPU per request, Midplat process', value: midplatCpu, unit: 'us' });
      figures.push({ label: 'bare Koa CPU / Midplat CPU per request (what throughput would be on an idle machine)', value: bareCpu / midplatCpu, unit: 'x' });
      figures.push(...microCosts());
      return {
        name: 'stack',
        figures,
        ratios: [{ label: 'Midplat stack alone (GET /healthz, access log on) / bare Koa (median of per-round ratios)', value: result.ratio, target: 0.7 }],
      };
    } finally {
      for (const child of children) await child.stop();
    }
  },
};
