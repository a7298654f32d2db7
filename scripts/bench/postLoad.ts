import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import mysql from 'mysql2/promise';
import { cpuSecondsOf, median } from './childServer.js';

export const BENCH_CONNECTIONS = 10;
export const MYSQL_SERVER = process.env.MIDPLAT_BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';

export interface LoadRun {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly non2xx: number;
}

export interface PostLoad {
  readonly url: string;
  readonly path: string;
  readonly token: string;
  readonly amount: number;
  /** The i-th request body. */
  readonly bodyOf: (index: number) => string;
  /** Concurrent connections; BENCH_CONNECTIONS unless a benchmark's issue names another. */
  readonly connections?: number;
}

/** `amount` JSON POSTs over `connections` (default BENCH_CONNECTIONS) connections. */
export async function postLoad({ url, path, token, amount, bodyOf, connections = BENCH_CONNECTIONS }: PostLoad): Promise<LoadRun> {
  let sent = 0;
  const started = process.hrtime.bigint();
  let lastAnswer = started;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({
      url,
      connections,
      amount,
      requests: [
        {
          method: 'POST',
          path,
          headers: { 'content-type': 'application/json', acstkn: token },
          setupRequest: (request) => ({ ...request, body: bodyOf(sent++) }),
        },
      ],
    }, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on('response', () => {
      lastAnswer = process.hrtime.bigint();
    });
  });
  // Completed requests over the time to the last answer: autocannon's per-second average is coarse for
  // runs of a few seconds, and it notices that `amount` is reached only at its next 1 s sample tick.
  const seconds = Number(lastAnswer - started) / 1e9;
  return { requestsPerSecond: result.requests.total / seconds, p50Ms: result.latency.p50, p99Ms: result.latency.p99, non2xx: result.non2xx };
}

/** A scratch database for one bench run, dropped afterwards. */
export async function scratchDatabase(kind: 'sqlite' | 'mariadb'): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `midplat_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  if (kind === 'sqlite') {
    const file = join(tmpdir(), `${name}.sqlite`);
    return { url: `sqlite:${file}`, drop: async () => ['', '-wal', '-shm'].forEach((suffix) => rmSync(`${file}${suffix}`, { force: true })) };
  }
  const admin = await mysql.createConnection(MYSQL_SERVER);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  await admin.end();
  return {
    url: `${MYSQL_SERVER}/${name}`,
    drop: async () => {
      const connection = await mysql.createConnection(MYSQL_SERVER);
      await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await connection.end();
    },
  };
}

export interface TimedLoad {
  readonly url: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly connections: number;
  readonly seconds: number;
  /** The body of the next request (bodies change: event ids must be new); none for GET. */
  readonly nextBody?: () => string | Buffer;
}

/** `connections` keep-alive connections for `seconds`, each request built when sent. */
export async function timedLoad({ url, path, headers, connections, seconds, nextBody }: TimedLoad): Promise<LoadRun> {
  const started = process.hrtime.bigint();
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: nextBody ? 'POST' : 'GET',
        path,
        headers,
        ...(nextBody ? { setupRequest: (request: autocannon.Request) => ({ ...request, body: nextBody() }) } : {}),
      },
    ],
  });
  if (result.errors > 0) throw new Error(`${url}${path}: ${result.errors} errors`);
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  return { requestsPerSecond: result.requests.total / elapsed, p50Ms: result.latency.p50, p99Ms: result.latency.p99, non2xx: result.non2xx };
}

/** A server under load: its URL's load function and, for CPU accounting, its process id. */
export interface LoadedServer {
  readonly load: () => Promise<LoadRun>;
  readonly pid?: number;
}

export interface RoundsResult {
  readonly ours: LoadRun[];
  readonly theirs: LoadRun[];
  /** Median of the per-round throughput ratios. */
  readonly ratio: number;
  /** Median CPU microseconds per request of each server process (when pids are given): machine load disturbs it far less. */
  readonly oursCpuMicros?: number;
  readonly theirsCpuMicros?: number;
}

async function measured(server: LoadedServer, cpu: number[]): Promise<LoadRun> {
  const before = server.pid === undefined ? 0 : cpuSecondsOf(server.pid);
  const started = process.hrtime.bigint();
  const run = await server.load();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (server.pid !== undefined) cpu.push(((cpuSecondsOf(server.pid) - before) * 1e6) / (run.requestsPerSecond * seconds));
  return run;
}

/**
 * Ours against a baseline, alternating rounds so load from elsewhere on the machine hits
 * both alike; the ratio is the median of the per-round ratios.
 */
export async function alternatingRounds(rounds: number, ours: LoadedServer, theirs: LoadedServer, log: (line: string) => void): Promise<RoundsResult> {
  const ourRuns: LoadRun[] = [];
  const theirRuns: LoadRun[] = [];
  const ourCpu: number[] = [];
  const theirCpu: number[] = [];
  for (let round = 1; round <= rounds; round += 1) {
    const mine = await measured(ours, ourCpu);
    const base = await measured(theirs, theirCpu);
    if (mine.non2xx + base.non2xx > 0) throw new Error(`round ${round}: ${mine.non2xx} + ${base.non2xx} answers were not 2xx`);
    log(`round ${round}/${rounds}: ours ${mine.requestsPerSecond.toFixed(0)} req/s p99 ${mine.p99Ms} ms; baseline ${base.requestsPerSecond.toFixed(0)} req/s p99 ${base.p99Ms} ms`);
    ourRuns.push(mine);
    theirRuns.push(base);
  }
  return {
    ours: ourRuns,
    theirs: theirRuns,
    ratio: median(ourRuns.map((run, index) => run.requestsPerSecond / theirRuns[index]!.requestsPerSecond)),
    ...(ourCpu.length ? { oursCpuMicros: median(ourCpu) } : {}),
    ...(theirCpu.length ? { theirsCpuMicros: median(theirCpu) } : {}),
  };
}

/** Figures of the CPU each server spent per request, when measured. */
export function cpuFigures(result: RoundsResult, ours: string, theirs: string): { label: string; value: number; unit: string }[] {
  if (result.oursCpuMicros === undefined || result.theirsCpuMicros === undefined) return [];
  return [
    { label: `${ours} CPU per request (median)`, value: result.oursCpuMicros, unit: 'us' },
    { label: `${theirs} CPU per request (median)`, value: result.theirsCpuMicros, unit: 'us' },
    { label: `${theirs} CPU / ${ours} CPU per request (the ratio on an idle machine)`, value: result.theirsCpuMicros / result.oursCpuMicros, unit: 'x' },
  ];
}
