import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../../config/projectRoot.js';
import { freePort } from './freePort.js';
import { waitFor } from './waitFor.js';

/** Debian's `haproxy` (`.ci/run` installs it when missing); HAPROXY_PATH overrides. */
export const HAPROXY_PATH = process.env.HAPROXY_PATH ?? '/usr/sbin/haproxy';
/** The sample configuration the README shows. */
export const SAMPLE_CONFIG = join(projectRoot, 'deploy', 'haproxy.cfg');

const run = promisify(execFile);

function requireHaproxy(): void {
  if (!existsSync(HAPROXY_PATH)) throw new Error(`no HAProxy at ${HAPROXY_PATH}: apt-get install -y haproxy (or set HAPROXY_PATH)`);
}

/** `haproxy -c`: whether a configuration file is valid; rejects with HAProxy's own message when not. */
export async function checkHaproxyConfig(file: string): Promise<void> {
  requireHaproxy();
  await run(HAPROXY_PATH, ['-c', '-q', '-f', file]);
}

/**
 * The sample `deploy/haproxy.cfg`, its listening addresses moved to free loopback ports and its
 * servers pointed at `servers` (`host:port`, in the order the sample lists them).
 */
export function sampleConfigFor(servers: readonly string[], ports: { readonly frontend: number; readonly stats: number }): string {
  let section = '';
  let server = 0;
  const lines = readFileSync(SAMPLE_CONFIG, 'utf8').split('\n').map((line) => {
    const header = /^(frontend|backend|listen|global|defaults)\s*(\S*)/.exec(line);
    if (header) section = `${header[1]} ${header[2]}`.trim();
    if (/^\s+bind\s/.test(line)) return `    bind 127.0.0.1:${section === 'listen stats' ? ports.stats : ports.frontend}`;
    const listed = /^(\s+server\s+\S+\s+)\S+(.*)$/.exec(line);
    if (listed) {
      const address = servers[server++];
      if (!address) throw new Error(`${SAMPLE_CONFIG} lists more servers than the ${servers.length} given`);
      return `${listed[1]}${address}${listed[2]}`;
    }
    return line;
  });
  if (server !== servers.length) throw new Error(`${SAMPLE_CONFIG} lists ${server} servers, not ${servers.length}`);
  return lines.join('\n');
}

/**
 * A real HAProxy of the test's own: its configuration in a temporary folder, run in the
 * foreground (`-db`) as this process's child on loopback ports, so nothing of Debian's
 * haproxy service is used or touched; `stop` kills it by its process id.
 */
export class HaproxyProcess {
  private constructor(
    private readonly child: ChildProcess,
    private readonly folder: string,
    readonly port: number,
    private readonly statsPort: number,
  ) {}

  /** Starts HAProxy with the text `configFor(ports)` gives, once it answers on both ports. */
  static async start(configFor: (ports: { frontend: number; stats: number }) => string): Promise<HaproxyProcess> {
    requireHaproxy();
    const ports = { frontend: await freePort(), stats: await freePort() };
    const folder = mkdtempSync(join(tmpdir(), 'midplat-haproxy-'));
    const file = join(folder, 'haproxy.cfg');
    writeFileSync(file, configFor(ports));
    const child = spawn(HAPROXY_PATH, ['-db', '-f', file], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const haproxy = new HaproxyProcess(child, folder, ports.frontend, ports.stats);
    try {
      await waitFor('HAProxy to answer its stats page', async () => {
        if (child.exitCode !== null) throw new Error(`haproxy exited with ${child.exitCode}: ${stderr}`);
        return (await haproxy.serverStates().catch(() => undefined)) !== undefined;
      });
    } catch (error) {
      await haproxy.stop();
      throw error;
    }
    return haproxy;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Each server of each backend and its state (`UP`, `DOWN`, `UP 1/2`…), from the stats CSV. */
  async serverStates(): Promise<Record<string, string>> {
    const response = await fetch(`http://127.0.0.1:${this.statsPort}/stats;csv`);
    if (response.status !== 200) throw new Error(`stats answered ${response.status}`);
    const [header, ...rows] = (await response.text()).trim().split('\n');
    const columns = header!.replace(/^# /, '').split(',');
    const [proxy, server, status] = ['pxname', 'svname', 'status'].map((name) => columns.indexOf(name));
    const states: Record<string, string> = {};
    for (const row of rows.map((line) => line.split(','))) {
      if (row[server!] !== 'FRONTEND' && row[server!] !== 'BACKEND') states[`${row[proxy!]}/${row[server!]}`] = row[status!]!;
    }
    return states;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGKILL');
      await exited;
    }
    rmSync(this.folder, { recursive: true, force: true });
  }
}
