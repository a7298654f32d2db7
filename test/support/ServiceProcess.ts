import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConfigJson } from '../../config/loadConfig.js';
import { projectRoot } from '../../config/projectRoot.js';
import { midplatEnv } from './midplatScript.js';

/**
 * The real service as a child process (`node dist/scripts/start.js`), in production (a
 * temporary MIDPLAT_CONFIG, its own SQLite file unless the config names a database) or as
 * the embedded demo; its JSON log lines are collected as they come.
 */
export class ServiceProcess {
  readonly logs: Record<string, unknown>[] = [];
  private readonly waiters: Array<() => void> = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr = '';

  private constructor(
    readonly child: ChildProcess,
    private readonly folder: string | undefined,
    readonly startedAt: bigint,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    let pending = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        try {
          this.logs.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          this.logs.push({ msg: line });
        }
      }
      for (const wake of this.waiters.splice(0)) wake();
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
    });
    child.once('exit', () => {
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** A production config file (MIDPLAT_CONFIG) in a new temporary folder, with a SQLite file there unless `config` names a database. */
  static writeConfig(config: ConfigJson): { folder: string; configFile: string } {
    const folder = mkdtempSync(join(tmpdir(), 'midplat-process-'));
    const configFile = join(folder, 'midplat.json');
    writeFileSync(configFile, JSON.stringify({ database: { url: `sqlite:${join(folder, 'midplat.sqlite')}` }, ...(config as object) }));
    return { folder, configFile };
  }

  /** Production: MIDPLAT_CONFIG names a file holding `config`; `env` adds variables (secret references). */
  static spawn(config: ConfigJson, env: NodeJS.ProcessEnv = {}): ServiceProcess {
    const { folder, configFile } = ServiceProcess.writeConfig(config);
    return ServiceProcess.start(midplatEnv(configFile, env), projectRoot, folder);
  }

  /** Production with a config file the test wrote (the test removes it). */
  static spawnWithConfigFile(configFile: string, env: NodeJS.ProcessEnv = {}): ServiceProcess {
    return ServiceProcess.start(midplatEnv(configFile, env), projectRoot, undefined);
  }

  /**
   * The embedded demo (no MIDPLAT_CONFIG, no DATABASE_URL), run in `cwd` so that its
   * `data/midplat.sqlite` lands there; PORT=0. The caller owns (and removes) `cwd`.
   */
  static spawnDemo(cwd: string): ServiceProcess {
    return ServiceProcess.start(midplatEnv(undefined, { PORT: '0' }), cwd, undefined);
  }

  private static start(env: NodeJS.ProcessEnv, cwd: string, folder: string | undefined): ServiceProcess {
    const startedAt = process.hrtime.bigint();
    const child = spawn(process.execPath, [join(projectRoot, 'dist', 'scripts', 'start.js')], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    return new ServiceProcess(child, folder, startedAt);
  }

  /** The first log line matching, waiting for it; fails if the process exits first. */
  async logLine(matches: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
    for (;;) {
      const found = this.logs.find(matches);
      if (found) return found;
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        throw new Error(`the service exited (${this.child.exitCode ?? this.child.signalCode}) before the log line; stderr: ${this.stderr}`);
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Waits for "midplat listening" and gives the base URL. */
  async listening(): Promise<string> {
    const line = await this.logLine((entry) => entry.msg === 'midplat listening');
    return `http://127.0.0.1:${String(line.port)}`;
  }

  /** A process group (`http.workers` > 1): waits for its primary's "midplat group listening" and gives the base URL. */
  async groupListening(): Promise<string> {
    const line = await this.logLine((entry) => entry.msg === 'midplat group listening');
    return `http://127.0.0.1:${String(line.port)}`;
  }

  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
    if (this.folder) rmSync(this.folder, { recursive: true, force: true });
  }
}
