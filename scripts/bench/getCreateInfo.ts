import assert from 'node:assert/strict';
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import mysql from 'mysql2/promise';
import { Database } from '../../adapters/persistence/Database.js';
import { migrate } from '../../adapters/persistence/migrate.js';
import type { Benchmark, BenchResult } from './BenchResult.js';
import { BenchSecrets, freePort, median, waitUntilUp } from './childServer.js';
import { benchIdno, insertBenchApplications } from './get-create-info/benchApplications.js';

const here = dirname(fileURLToPath(import.meta.url));
const PATH = '/intranet/api/v1.0/createaccount/GetCreateInfo';
// Its own token, as production is configured (a production config refuses the demo ones).
const secrets = new BenchSecrets();
const TOKEN = secrets.token;
const POOL_MAX = 10;

const log = (message: string) => process.stderr.write(`[get-create-info] ${message}\n`);

async function lookUp(baseUrl: string, idno: string): Promise<unknown> {
  const response = await fetch(`${baseUrl}${PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', acstkn: TOKEN },
    body: JSON.stringify({ idno }),
  });
  const body = (await response.json()) as { success: boolean; data: unknown };
  assert.equal(response.status, 200, JSON.stringify(body));
  return body.data;
}

async function load(baseUrl: string, count: number, seconds: number): Promise<autocannon.Result> {
  const result = await autocannon({
    url: `${baseUrl}${PATH}`,
    connections: 50,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json', acstkn: TOKEN },
    requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify({ idno: benchIdno(Math.floor(Math.random() * count)) }) }) }],
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${baseUrl}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return result;
}

/**
 * GetCreateInfo by idno on MariaDB with BENCH_APPLICATIONS (default 100,000) full
 * application graphs, 50 concurrent connections: the real listening Midplat against a
 * hand-written node:http + raw mysql2 handler that returns the same result.
 */
export const benchmark: Benchmark = {
  name: 'get-create-info',
  description: 'GetCreateInfo by idno, 50 connections, MariaDB with full application graphs: Midplat vs raw mysql2 handler',
  async run(): Promise<BenchResult> {
    const count = Number(process.env.BENCH_APPLICATIONS ?? 100000);
    const seconds = Number(process.env.BENCH_DURATION_S ?? 10);
    const serverUrl = process.env.MIDPLAT_BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
    const name = `midplat_bench_getcreateinfo_${process.pid}`;
    const url = `${serverUrl}/${name}`;
    const children: ChildProcess[] = [];
    const configFile = join(tmpdir(), `${name}.json`);

    const admin = await mysql.createConnection(serverUrl);
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
    await admin.end();
    try {
      const database = new Database({ url, poolMax: 2 });
      await migrate(database);
      await database.close();

      const loadStarted = Date.now();
      let reported = 0;
      await insertBenchApplications(url, count, (done) => {
        if (done - reported >= 10000 || done === count) {
          reported = done;
          log(`inserted ${done}/${count} applications`);
        }
      });
      const loadSeconds = (Date.now() - loadStarted) / 1000;
      const analyze = await mysql.createConnection(url);
      await analyze.query('ANALYZE TABLE create_master, create_detail, document_resend, manual_review_flag, pay_taxes, teller_check_record');
      await analyze.end();

      writeFileSync(configFile, JSON.stringify({ ...secrets.configFor(), database: { url, poolMax: POOL_MAX } }));
      const midplatPort = await freePort();
      // BENCH_CPU_PROF_DIR=dir writes the Midplat process's CPU profile there.
      const profile = process.env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`] : [];
      const midplat = spawn(process.execPath, [...profile, join(here, '..', 'start.js')], {
        env: { ...process.env, MIDPLAT_CONFIG: configFile, PORT: String(midplatPort), LOG_LEVEL: 'info' },
        stdio: 'ignore',
      });
      children.push(midplat);
      const midplatUrl = `http://127.0.0.1:${midplatPort}`;
      await waitUntilUp(`${midplatUrl}/healthz`, midplat);

      const raw = fork(join(here, 'get-create-info', 'rawServer.js'), { env: { ...process.env, DATABASE_URL: url, POOL_MAX: String(POOL_MAX) }, stdio: 'ignore' });
      children.push(raw);
      const rawPort = await new Promise<number>((resolve, reject) => {
        raw.once('message', (message: { port: number }) => resolve(message.port));
        raw.once('exit', (code) => reject(new Error(`raw server exited with ${code}`)));
      });
      const rawUrl = `http://127.0.0.1:${rawPort}`;

      for (let sample = 0; sample < 20; sample += 1) {
        const idno = benchIdno(Math.floor(Math.random() * count));
        const [ours, theirs] = await Promise.all([lookUp(midplatUrl, idno), lookUp(rawUrl, idno)]);
        assert.ok(Array.isArray(ours) && ours.length > 0, `no application for ${idno}`);
        assert.deepEqual(ours, theirs, `Midplat and the raw handler disagree for ${idno}`);
      }
      log('Midplat and the raw handler return the same data for 20 sampled national IDs');

      log('warming up');
      await load(midplatUrl, count, 8);
      await load(rawUrl, count, 8);
      // Alternate rounds so that load from elsewhere on the machine hits both alike.
      const rounds = Number(process.env.BENCH_ROUNDS ?? 4);
      const ourRuns: autocannon.Result[] = [];
      const theirRuns: autocannon.Result[] = [];
      for (let round = 1; round <= rounds; round += 1) {
        const ourRun = await load(midplatUrl, count, seconds);
        log(`round ${round}/${rounds}: Midplat ${ourRun.requests.average.toFixed(1)} req/s, p99 ${ourRun.latency.p99} ms`);
        const theirRun = await load(rawUrl, count, seconds);
        log(`round ${round}/${rounds}: raw handler ${theirRun.requests.average.toFixed(1)} req/s, p99 ${theirRun.latency.p99} ms`);
        ourRuns.push(ourRun);
        theirRuns.push(theirRun);
      }
      const ours = { requests: median(ourRuns.map((r) => r.requests.average)), p99: median(ourRuns.map((r) => r.latency.p99)) };
      const theirs = { requests: median(theirRuns.map((r) => r.requests.average)), p99: median(theirRuns.map((r) => r.latency.p99)) };
      const ratio = median(ourRuns.map((run, i) => run.requests.average / theirRuns[i]!.requests.average));

      const figures = [
        { label: 'applications in the database', value: count, unit: 'applications' },
        { label: 'bulk load time', value: loadSeconds, unit: 's' },
        { label: `Midplat requests/s (median of ${rounds} rounds)`, value: ours.requests, unit: 'req/s' },
        { label: 'Midplat p99 latency (median)', value: ours.p99, unit: 'ms' },
        { label: `raw mysql2 requests/s (median of ${rounds} rounds)`, value: theirs.requests, unit: 'req/s' },
        { label: 'raw mysql2 p99 latency (median)', value: theirs.p99, unit: 'ms' },
      ];
      return {
        name: 'get-create-info',
        figures,
        ratios: [{ label: 'Midplat / raw mysql2 requests/s (median of per-round ratios)', value: ratio, target: 0.8 }],
      };
    } finally {
      for (const child of children) child.kill('SIGTERM');
      rmSync(configFile, { force: true });
      const dropper = await mysql.createConnection(serverUrl);
      await dropper.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await dropper.end();
    }
  },
};
