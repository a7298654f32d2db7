import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import mysql from 'mysql2/promise';

export const BENCH_CONNECTIONS = 10;
const MYSQL_SERVER = process.env.MIDPLAT_BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';

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
  const result = await autocannon({
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
  });
  // Completed requests over wall time: autocannon's per-second average is coarse for runs of a few seconds.
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
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
