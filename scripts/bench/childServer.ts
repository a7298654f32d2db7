import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** A port nobody listens on right now (for a child that must be told its port). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** Polls `url` until it answers 2xx (or the child dies). */
export async function waitUntilUp(url: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not come up`);
}

export interface RunningChild {
  readonly url: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

function stopper(child: ChildProcess, cleanup: () => void = () => undefined): () => Promise<void> {
  return async () => {
    if (child.exitCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    }
    cleanup();
  };
}

/** A URL nothing answers on: for the partners a bench never calls. */
const UNUSED_URL = 'http://127.0.0.1:9/unused';

/**
 * Secrets made for one bench run: the benches configure Midplat as production does (its
 * own tokens, keys and webhook secrets), never with the demo ones.
 */
export class BenchSecrets {
  readonly token = `bench-${randomBytes(16).toString('hex')}`;
  readonly apiKey = `bench-api-key-${randomBytes(8).toString('hex')}`;
  readonly webhookSecret = `whsec_${randomBytes(24).toString('base64')}`;

  /**
   * The consumers, partner and institution of a Midplat config using these secrets. Serving
   * requires an ESB address; benches that never call DA21 get a port nothing listens on.
   */
  configFor(callbackUrl = UNUSED_URL): object {
    return {
      esb: { adapter: 'http', url: UNUSED_URL },
      auth: {
        consumers: [{ name: 'bench', tokenSha256: createHash('sha256').update(this.token).digest('hex'), scopes: ['kyc:write', 'moneyplus:read', 'createinfo:read', 'upgrade:write'] }],
      },
      moneyPlus: {
        adapter: 'http',
        maxAttempts: 8,
        timeoutMs: 5000,
        partners: [{ bizId: 'MPLUS', secret: this.webhookSecret, callbackUrl, queryFields: ['name', 'phone', 'nationality'] }],
      },
      billing: { institutions: [{ instId: '00001', apiKey: this.apiKey, encryptType: 'NONE', key: '' }] },
      demo: { loadOnStart: false },
    };
  }
}

export interface MidplatProcessOptions {
  /** The MIDPLAT_CONFIG override (database, auth, partners…). */
  readonly config: object;
  /** `node --cpu-prof` into this folder (the profile is written when the process exits). */
  readonly cpuProfileDir?: string;
  readonly logLevel?: string;
}

/**
 * The real Midplat (`dist/scripts/start.js`) in its own process, as production runs it:
 * request logs on, written to a pipe nobody reads (ignored stdio), so the bench's load
 * generator never shares its event loop.
 */
export async function startMidplatProcess({ config, cpuProfileDir, logLevel = 'info' }: MidplatProcessOptions): Promise<RunningChild> {
  const configFile = join(tmpdir(), `midplat_bench_${process.pid}_${randomBytes(3).toString('hex')}.json`);
  writeFileSync(configFile, JSON.stringify(config));
  const port = await freePort();
  const flags = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [];
  const child = spawn(process.execPath, [...flags, join(here, '..', 'start.js')], {
    env: { ...process.env, MIDPLAT_CONFIG: configFile, PORT: String(port), LOG_LEVEL: logLevel },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = stopper(child, () => rmSync(configFile, { force: true }));
  try {
    await waitUntilUp(`${url}/healthz`, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, process: child, stop };
}

/**
 * A bench-only server (`scripts/bench/leastWork/*.js`) in its own process; it sends
 * `{port}` once listening.
 */
export async function forkBenchServer(script: string, env: Record<string, string>, cpuProfileDir?: string): Promise<RunningChild> {
  const flags = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [];
  const child = fork(join(here, script), { env: { ...process.env, ...env }, execArgv: flags, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message: { port: number }) => resolve(message.port));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, process: child, stop: stopper(child) };
}

/** CPU seconds (user + system) a child process has used so far, from /proc (Linux). */
export function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  // utime and stime are fields 14 and 15 of stat(5); the slice above starts at field 3.
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}
const CLOCK_TICKS_PER_SECOND = 100;

/** The median; other work on a small machine makes single rounds swing widely. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}
