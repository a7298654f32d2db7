import mysql from 'mysql2';
import type { ReplicaReadsObserver, ReplicaSkipReason } from './ReplicaReadsObserver.js';

/** How often each replica is probed, and how long a probe may take before the replica counts as down. */
const REPLICA_PROBE_INTERVAL_MS = 1000;
const PROBE_TIMEOUT_MS = 1000;

interface Replica {
  /** `host:port`: what logs and observers see (the URL carries credentials). */
  readonly name: string;
  readonly pool: mysql.Pool;
  readonly probePool: mysql.Pool;
  /** Not used before its first probe has found it usable. */
  state: ReplicaSkipReason | 'usable' | 'unprobed';
  probing: boolean;
}

type Row = Record<string, unknown>;

function query(pool: mysql.Pool, sql: string): Promise<Row[]> {
  // mysql2's timeout ends a statement that hangs (and its connection); the race also bounds the wait for that connection.
  const result = new Promise<Row[]>((resolve, reject) => pool.query({ sql, timeout: PROBE_TIMEOUT_MS }, (error, rows) => (error ? reject(error) : resolve(rows as Row[]))));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`replica probe: no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
  });
  return Promise.race([result, timeout]).finally(() => clearTimeout(timer));
}

function hostOf(url: string): string {
  const { hostname, port } = new URL(url);
  return `${hostname}:${port || '3306'}`;
}

/** The last migration applied to a database, or undefined when it has none. */
async function lastMigration(pool: mysql.Pool): Promise<string | undefined> {
  const [row] = await query(pool, 'SELECT MAX(name) AS last FROM schema_migrations');
  return typeof row?.last === 'string' ? row.last : undefined;
}

/**
 * The read replicas (`database.replicas`) and which of them may serve a read now. A probe
 * off the request path, every second per replica, reads its replication lag and its last
 * migration; a request only looks at the outcome, so it never waits on a dead replica.
 */
export class ReplicaReads {
  private readonly replicas: Replica[];
  private next = 0;
  private timer: NodeJS.Timeout | undefined;
  private observers: readonly ReplicaReadsObserver[] = [];
  private primaryMigration: string | undefined;

  constructor(
    urls: readonly string[],
    private readonly maxLagMs: number,
    private readonly primaryPool: () => mysql.Pool,
    createPool: (url: string, connectTimeoutMs: number, connectionLimit?: number) => mysql.Pool,
  ) {
    // A short connect timeout: a replica that dies between probes costs a read little before its retry on the primary.
    this.replicas = urls.map((url) => ({
      name: hostOf(url),
      pool: createPool(url, PROBE_TIMEOUT_MS),
      probePool: createPool(url, PROBE_TIMEOUT_MS, 1),
      state: 'unprobed',
      probing: false,
    }));
  }

  /** Probes every replica once (so the process starts knowing which to use), then every second. */
  async start(observers: readonly ReplicaReadsObserver[]): Promise<void> {
    this.observers = observers;
    await this.probeAll();
    this.timer ??= setInterval(() => void this.probeAll(), REPLICA_PROBE_INTERVAL_MS);
    this.timer.unref();
  }

  /** A usable replica's pool (in turn), or undefined when every replica is skipped; then observers hear why. */
  pick(): mysql.Pool | undefined {
    for (let tried = 0; tried < this.replicas.length; tried++) {
      const replica = this.replicas[this.next++ % this.replicas.length]!;
      if (replica.state === 'usable') return replica.pool;
    }
    const first = this.replicas[0]?.state;
    this.tell((observer) => observer.fellBack(first === 'lag' || first === 'schema' ? first : 'down'));
    return undefined;
  }

  /** A read on this replica's pool failed for want of a connection: skip the replica until a probe finds it back. */
  failed(pool: mysql.Pool): void {
    const replica = this.replicas.find((candidate) => candidate.pool === pool);
    this.tell((observer) => observer.fellBack('error'));
    if (replica) this.mark(replica, 'down');
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    const pools = this.replicas.flatMap((replica) => [replica.pool, replica.probePool]);
    await Promise.all(pools.map((pool) => new Promise<void>((resolve) => pool.end(() => resolve()))));
  }

  private async probeAll(): Promise<void> {
    this.primaryMigration = await lastMigration(this.primaryPool()).catch(() => this.primaryMigration);
    await Promise.all(this.replicas.map((replica) => this.probe(replica)));
  }

  private async probe(replica: Replica): Promise<void> {
    // A probe still waiting on its answer already decides; a second one would only queue behind it.
    if (replica.probing) return;
    replica.probing = true;
    try {
      this.mark(replica, await this.skipReason(replica.probePool));
    } catch {
      this.mark(replica, 'down');
    } finally {
      replica.probing = false;
    }
  }

  private async skipReason(pool: mysql.Pool): Promise<ReplicaSkipReason | undefined> {
    const [status] = await query(pool, 'SHOW REPLICA STATUS').catch((error: { code?: string }) => {
      // MySQL before 8.0.22 knows only the older name.
      if (error.code === 'ER_PARSE_ERROR') return query(pool, 'SHOW SLAVE STATUS');
      throw error;
    });
    // NULL while a replication thread is stopped (or no row: not a replica at all): lag unknown, so behind.
    const seconds = status?.Seconds_Behind_Master ?? status?.Seconds_Behind_Source;
    if (seconds === null || seconds === undefined || Number(seconds) * 1000 > this.maxLagMs) return 'lag';
    const migration = await lastMigration(pool).catch((error: { code?: string }) => {
      if (error.code === 'ER_NO_SUCH_TABLE') return undefined;
      throw error;
    });
    if (this.primaryMigration !== undefined && (migration === undefined || migration < this.primaryMigration)) return 'schema';
    return undefined;
  }

  private mark(replica: Replica, skipped: ReplicaSkipReason | undefined): void {
    const state = skipped ?? 'usable';
    if (replica.state === state) return;
    replica.state = state;
    this.tell((observer) => observer.replicaChanged(replica.name, skipped));
  }

  private tell(what: (observer: ReplicaReadsObserver) => void): void {
    for (const observer of this.observers) what(observer);
  }
}
