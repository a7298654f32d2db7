import { spawn, type ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { freePort } from './freePort.js';

const run = promisify(execFile);

/**
 * A MariaDB server of the test's own (own data directory and port) that the test can
 * stop and start again, to play a database outage without touching the shared server.
 */
export class ScratchMariaDb {
  private child: ChildProcess | undefined;

  private constructor(
    private readonly folder: string,
    readonly port: number,
    private readonly serverOptions: readonly string[],
  ) {}

  /** `serverOptions` go to mariadbd as given, e.g. `--character-set-server=latin1`. */
  static async create(serverOptions: readonly string[] = []): Promise<ScratchMariaDb> {
    const folder = mkdtempSync(join(tmpdir(), 'midplat-scratch-mariadb-'));
    await run('mariadb-install-db', [
      '--no-defaults',
      `--datadir=${join(folder, 'data')}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
      ...(process.getuid?.() === 0 ? ['--user=root'] : []),
    ]).catch((error: unknown) => {
      rmSync(folder, { recursive: true, force: true });
      throw error;
    });
    return new ScratchMariaDb(folder, await freePort(), serverOptions);
  }

  /** `mysql://root@127.0.0.1:<port>` (append `/<database>`). */
  get serverUrl(): string {
    return `mysql://root@127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.child) return;
    const child = spawn(
      '/usr/sbin/mariadbd',
      [
        '--no-defaults',
        `--datadir=${join(this.folder, 'data')}`,
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        `--socket=${join(this.folder, 'mariadb.sock')}`,
        `--pid-file=${join(this.folder, 'mariadb.pid')}`,
        '--innodb-buffer-pool-size=32M',
        ...this.serverOptions,
        ...(process.getuid?.() === 0 ? ['--user=root'] : []),
      ],
      { stdio: 'ignore' },
    );
    this.child = child;
    const deadline = Date.now() + 30000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`scratch mariadbd exited with ${child.exitCode}`);
      try {
        const connection = await mysql.createConnection({ host: '127.0.0.1', port: this.port, user: 'root' });
        await connection.end();
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  /** A clean shutdown (SIGTERM); resolves once the server process is gone. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    if (child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
  }

  /** Gone at once (SIGKILL), as a crashed server; resolves once the process is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  }

  /** Runs work on a new root connection to the server (closed after). */
  async withConnection<T>(work: (connection: mysql.Connection) => Promise<T>): Promise<T> {
    const connection = await mysql.createConnection({ host: '127.0.0.1', port: this.port, user: 'root' });
    try {
      return await work(connection);
    } finally {
      await connection.end();
    }
  }

  /** A database in utf8mb4 / utf8mb4_bin, or in the server's default character set when `serverDefault`. */
  async createDatabase(name: string, { serverDefault = false } = {}): Promise<string> {
    await this.withConnection((connection) => connection.query(`CREATE DATABASE \`${name}\`${serverDefault ? '' : ' CHARACTER SET utf8mb4 COLLATE utf8mb4_bin'}`));
    return `${this.serverUrl}/${name}`;
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.folder, { recursive: true, force: true });
  }
}
