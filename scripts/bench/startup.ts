import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Benchmark, BenchFigure } from './BenchResult.js';

const ROUNDS = 3;
const IDLE_MS = 1000;
const distScripts = dirname(dirname(fileURLToPath(import.meta.url)));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Resident set size of a process, from /proc (Linux). */
function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((entry) => entry.startsWith('VmRSS:'));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? NaN) / 1024;
}

interface Started {
  readonly child: ChildProcess;
  readonly readyMs: number;
}

/** Spawns a process and polls `/readyz` until the first 200. */
async function spawnUntilReady(args: string[], port: number, env: NodeJS.ProcessEnv = process.env): Promise<Started> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode} before it was ready`);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ready) return { child, readyMs: Number(process.hrtime.bigint() - started) / 1e6 };
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

interface Sample {
  readyMs: number;
  rssMiB: number;
}

async function measure(args: string[], port: number, env?: NodeJS.ProcessEnv): Promise<Sample> {
  const { child, readyMs } = await spawnUntilReady(args, port, env);
  try {
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    return { readyMs, rssMiB: rssMiB(child.pid!) };
  } finally {
    await stop(child);
  }
}

export const benchmark: Benchmark = {
  name: 'startup',
  description: `spawn → first 200 on /readyz and idle RSS, median of ${ROUNDS}: Midplat (fresh SQLite, then restart) vs a bare Koa process`,
  async run() {
    const cold: Sample[] = [];
    const restart: Sample[] = [];
    const bare: Sample[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const folder = mkdtempSync(join(tmpdir(), 'midplat-startup-'));
      try {
        const port = await freePort();
        const configFile = join(folder, 'midplat.json');
        writeFileSync(
          configFile,
          JSON.stringify({ http: { port }, database: { url: `sqlite:${join(folder, 'midplat.sqlite')}` }, log: { level: 'warn' }, demo: { loadOnStart: true } }),
        );
        const env: NodeJS.ProcessEnv = { ...process.env, MIDPLAT_CONFIG: configFile };
        delete env.PORT;
        delete env.DATABASE_URL;
        const start = [join(distScripts, 'start.js')];
        cold.push(await measure(start, port, env)); // migrations + demo data on a fresh database
        restart.push(await measure(start, port, env)); // database already in place
        const barePort = await freePort();
        bare.push(await measure([join(distScripts, 'bench', 'bareKoa.js'), String(barePort)], barePort));
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    }
    const figures: BenchFigure[] = [
      { label: 'Midplat cold start to ready (fresh SQLite: migrate + demo data)', value: median(cold.map((s) => s.readyMs)), unit: 'ms' },
      { label: 'Midplat restart to ready (database in place)', value: median(restart.map((s) => s.readyMs)), unit: 'ms' },
      { label: 'bare Koa process to first 200', value: median(bare.map((s) => s.readyMs)), unit: 'ms' },
      { label: 'Midplat idle RSS after start', value: median(restart.map((s) => s.rssMiB)), unit: 'MiB' },
      { label: 'bare Koa idle RSS', value: median(bare.map((s) => s.rssMiB)), unit: 'MiB' },
    ];
    return {
      name: 'startup',
      figures,
      ratios: [
        // Time ratios as baseline ÷ ours, so that higher is better like every other ratio.
        { label: 'bare Koa start / Midplat restart', value: figures[2]!.value / figures[1]!.value },
        { label: 'bare Koa RSS / Midplat RSS', value: figures[4]!.value / figures[3]!.value },
      ],
    };
  },
};
