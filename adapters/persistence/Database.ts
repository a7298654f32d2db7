import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import mysql from 'mysql2';
import { Sequelize, type Transaction } from 'sequelize';
import { ActiveTransaction } from './ActiveTransaction.js';
import { isDatabaseUnavailable, raisePersistenceError } from './isDatabaseUnavailable.js';
import { ReplicaReads } from './ReplicaReads.js';
import type { ReplicaReadsObserver } from './ReplicaReadsObserver.js';
import { SqliteStatementCache } from './SqliteStatementCache.js';
import { TABLE_CHARSET, TABLE_COLLATION } from './tableOptions.js';

export type Dialect = 'sqlite' | 'mysql';

/** The `database` section of the configuration. */
export interface DatabaseSettings {
  /** `sqlite:<path>` or `mysql://user:pass@host:port/db`. */
  readonly url: string;
  /** Connections per pool (MySQL: the units of work's and the hot reads'). */
  readonly poolMax: number;
  /** MySQL: replaces the password of the URL (SPEC 2.2.2: a secret reference, so the URL need not hold it). */
  readonly password?: string;
  /** MySQL read replicas (`mysql://…`) for the read-only paths; none by default. */
  readonly replicas?: readonly string[];
  /** A replica further behind than this is skipped (default 2000). */
  readonly maxReplicaLagMs?: number;
}

/** The URL to connect with: `password`, when given, in place of the URL's own. */
export function connectionUrl({ url, password }: Pick<DatabaseSettings, 'url' | 'password'>): string {
  if (password === undefined || dialectOf(url) !== 'mysql') return url;
  const parsed = new URL(url);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

/** Where a read outside a unit of work goes: the primary, or a usable replica when there is one. */
export type ReadConnection = 'primary' | 'replica';

export interface DatabaseOptions extends DatabaseSettings {
  /** Called with every SQL statement (tests count queries with it). */
  readonly onQuery?: (sql: string) => void;
}

/** The dialect a `database.url` names; anything else stops the process. */
export function dialectOf(url: string): Dialect {
  if (url.startsWith('sqlite:')) return 'sqlite';
  if (url.startsWith('mysql://')) return 'mysql';
  throw new Error(`database.url: unsupported scheme in "${url.replace(/:\/\/[^@]*@/, '://***@')}" (use sqlite: or mysql://)`);
}

type QueryOptions = { readonly completesTransaction?: boolean } | undefined;

/**
 * mysql2 keeps each distinct statement text prepared on the server, per connection, and
 * closes the least recently used one past this many (its default is 16,000, while the
 * server's `max_prepared_stmt_count`, 16,382 by default, is shared by every client). Our
 * statements take a bounded set of texts (lists through `inList`), well under this; the cap
 * is the second line: a process holds at most 2 × poolMax × this many.
 */
export const MAX_PREPARED_STATEMENTS_PER_CONNECTION = 64;

/**
 * Every statement Sequelize runs goes through `query` (models, raw SQL, a transaction's
 * BEGIN): there an outage becomes DatabaseUnavailable, the one error the callers of
 * persistence see for it. COMMIT and ROLLBACK fail as Sequelize raises them, since it
 * reports their failure itself; `inTransaction` turns a failed commit into the same error.
 */
function raisingDatabaseUnavailable(sequelize: Sequelize): Sequelize {
  const query = sequelize.query.bind(sequelize) as (sql: unknown, options: QueryOptions) => Promise<unknown>;
  Object.assign(sequelize, {
    query: (sql: unknown, options: QueryOptions) => (options?.completesTransaction ? query(sql, options) : query(sql, options).catch(raisePersistenceError)),
  });
  return sequelize;
}

/**
 * How long a SQLite statement waits for another process's write lock (an operator's CLI or seed
 * beside the running service, whose outbox worker writes every second) before SQLITE_BUSY.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * Sequelize's SQLite dialect opens a connection per transaction and offers no hook on it, so every
 * connection it hands out is given the busy timeout here (node-sqlite3's `configure`).
 */
function waitingForSqliteLocks(sequelize: Sequelize): Sequelize {
  type SqliteHandle = { configure(option: 'busyTimeout', ms: number): void };
  const manager = sequelize.connectionManager as unknown as { getConnection(options?: object): Promise<SqliteHandle> };
  const open = manager.getConnection.bind(manager);
  // Once per connection: the hot reads take the pooled one for every statement.
  const configured = new WeakSet<SqliteHandle>();
  manager.getConnection = async (options) => {
    const connection = await open(options);
    if (!configured.has(connection)) {
      connection.configure('busyTimeout', SQLITE_BUSY_TIMEOUT_MS);
      configured.add(connection);
    }
    return connection;
  };
  return sequelize;
}

function createSequelize(options: DatabaseOptions): Sequelize {
  const { poolMax, onQuery } = options;
  const url = connectionUrl(options);
  const logging = onQuery ? (sql: string) => onQuery(sql) : false;
  if (dialectOf(url) === 'sqlite') {
    const storage = url.slice('sqlite:'.length) || ':memory:';
    if (storage !== ':memory:') mkdirSync(dirname(storage), { recursive: true });
    return raisingDatabaseUnavailable(waitingForSqliteLocks(new Sequelize({ dialect: 'sqlite', storage, logging, pool: { max: 1, min: 0 } })));
  }
  return raisingDatabaseUnavailable(new Sequelize(url, {
    dialect: 'mysql',
    logging,
    timezone: '+00:00',
    pool: { max: poolMax, min: 0, acquire: 10000, idle: 10000 },
    dialectOptions: { connectTimeout: 5000, charset: TABLE_CHARSET, maxPreparedStatements: MAX_PREPARED_STATEMENTS_PER_CONNECTION },
    define: { charset: TABLE_CHARSET, collate: TABLE_COLLATION },
  }));
}

/**
 * A pool of driver connections for the hot reads. They read with mysql2's own conversions
 * (the same values for the columns the hot reads select) and the session time zone of Sequelize's.
 */
function createReadPool(url: string, connectionLimit: number, connectTimeout: number): mysql.Pool {
  const pool = mysql.createPool({
    uri: url,
    connectionLimit,
    maxIdle: 0,
    idleTimeout: 10000,
    timezone: '+00:00',
    charset: TABLE_CHARSET,
    connectTimeout,
    maxPreparedStatements: MAX_PREPARED_STATEMENTS_PER_CONNECTION,
    supportBigNumbers: true,
    bigNumberStrings: false,
  });
  pool.on('connection', (connection) => connection.query("SET time_zone = '+00:00'"));
  return pool;
}

/**
 * The key of SQLite's writer connection among Sequelize's: the units of work run on it one at
 * a time, so it stays open and keeps its prepared statements (a file database; an in-memory
 * one has a single connection).
 */
const SQLITE_WRITER = 'midplat-writer';

interface DriverConnection {
  /** mysql2 */
  query?(sql: string, callback: (error: Error | null) => void): void;
  destroy?(): void;
  /** node-sqlite3 */
  exec?(sql: string, callback: (error: Error | null) => void): void;
}

/** A statement of the transaction itself (BEGIN, COMMIT, ROLLBACK), on the driver connection. */
function transactionStatement(connection: unknown, sql: string): Promise<void> {
  const driver = connection as DriverConnection;
  return new Promise<void>((resolve, reject) => {
    const done = (error: Error | null) => (error ? reject(error) : resolve());
    if (driver.query) driver.query(sql, done);
    else driver.exec!(sql, done);
  });
}

/** Runs async work one at a time: SQLite has one writer, so its units of work queue here. */
class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/**
 * One Sequelize instance plus the transaction of the unit of work in progress, so
 * repositories join it without the core passing transactions around.
 */
export class Database {
  readonly sequelize: Sequelize;
  readonly dialect: Dialect;
  private readonly scope = new AsyncLocalStorage<ActiveTransaction>();
  private readonly sqliteWriters = new SerialQueue();
  private readonly modelSets = new Map<unknown, unknown>();
  /** Prepared statements of the driver-level hot reads (`selectRows`) on SQLite. */
  readonly sqliteStatements = new SqliteStatementCache();
  private readPool: mysql.Pool | undefined;
  private sqliteReader: unknown;
  /** `database.replicas`, when there are any (MySQL only). */
  private readonly replicaReads: ReplicaReads | undefined;

  constructor(private readonly options: DatabaseOptions) {
    this.dialect = dialectOf(options.url);
    if (this.dialect === 'sqlite' && (options.replicas?.length ?? 0) > 0) throw new Error('database.replicas: read replicas need a mysql:// database.url');
    this.sequelize = createSequelize(options);
    if (options.replicas && options.replicas.length > 0) {
      this.replicaReads = new ReplicaReads(options.replicas, options.maxReplicaLagMs ?? 2000, () => this.mysqlReadPool(), (url, connectTimeout, limit) =>
        createReadPool(url, limit ?? options.poolMax, connectTimeout),
      );
    }
  }

  /** Starts probing the replicas (after the migrations: a replica is compared with the primary's last one). */
  async startReplicaProbes(observers: readonly ReplicaReadsObserver[]): Promise<void> {
    await this.replicaReads?.start(observers);
  }

  /**
   * Runs a read outside any unit of work on the chosen connection: on a usable replica when
   * asked and there is one, else on the primary's read pool. A replica that fails the read for
   * want of a connection is skipped from then on, and the read is tried once on the primary.
   */
  async onReadPool<T>(connection: ReadConnection, read: (pool: mysql.Pool) => Promise<T>): Promise<T> {
    const replica = connection === 'replica' ? this.replicaReads?.pick() : undefined;
    if (!replica) return read(this.mysqlReadPool());
    try {
      return await read(replica);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      this.replicaReads?.failed(replica);
      return read(this.mysqlReadPool());
    }
  }

  /**
   * MySQL: the primary's pool of the driver-level hot reads outside any unit of work
   * (`selectRows`), at most `poolMax` more connections, made on first use. Sequelize's
   * connections carry its typeCast hook, on which mysql2 builds a wrapper object per field
   * of every row: a tenth of CustomerCheck's CPU.
   */
  mysqlReadPool(): mysql.Pool {
    this.readPool ??= createReadPool(connectionUrl(this.options), this.options.poolMax, 5000);
    return this.readPool;
  }

  /**
   * SQLite: the connection of the statements outside a unit of work, Sequelize's default one,
   * which stays open until `close` (its release is a no-op): taken once, not per statement.
   */
  async sqliteReadConnection(): Promise<unknown> {
    this.sqliteReader ??= await this.sequelize.connectionManager.getConnection({ type: 'read' });
    return this.sqliteReader;
  }

  /** The models a define function creates, made once per database. */
  models<T>(define: (sequelize: Sequelize) => T): T {
    let set = this.modelSets.get(define) as T | undefined;
    if (set === undefined) {
      set = define(this.sequelize);
      this.modelSets.set(define, set);
    }
    return set;
  }

  /** The transaction of the current unit of work, if any. */
  currentTransaction(): ActiveTransaction | undefined {
    return this.scope.getStore();
  }

  /**
   * `{ transaction }` for a Sequelize model query, plus a row lock when asked and the dialect
   * has one. Inside a unit of work only `inModelTransaction` gives models a transaction.
   */
  queryOptions(options: { lockForUpdate?: boolean } = {}): { transaction?: Transaction; lock?: boolean } {
    const active = this.currentTransaction();
    if (!active) return {};
    const transaction = active.modelTransaction;
    if (!transaction) throw new Error('a Sequelize model query inside a driver unit of work: run it in inModelTransaction, or as a driver statement');
    return options.lockForUpdate && this.dialect === 'mysql' ? { transaction, lock: true } : { transaction };
  }

  /**
   * Runs work in one transaction on a driver connection (joining the current one if there is
   * one): BEGIN and COMMIT are two driver round trips, where Sequelize's transaction costs
   * several hundred microseconds of its own per write request. `readCommitted` (MySQL): no gap
   * locks, and the locks of deleted rows are not inherited by their neighbours, so the work
   * never holds back inserts next to the rows it touches.
   */
  async inTransaction<T>(work: () => Promise<T>, options: { readCommitted?: boolean } = {}): Promise<T> {
    if (this.currentTransaction()) return work();
    const begin = () => this.onDriverTransaction(work, options.readCommitted === true);
    return (this.dialect === 'sqlite' ? this.sqliteWriters.run(begin) : begin()).catch(raisePersistenceError);
  }

  /** As `inTransaction`, for work that uses Sequelize's models (fixture loading): on Sequelize's own transaction. */
  async inModelTransaction<T>(work: () => Promise<T>): Promise<T> {
    const current = this.currentTransaction();
    if (current?.modelTransaction) return work();
    if (current) throw new Error('inModelTransaction inside a driver unit of work');
    const begin = () =>
      this.sequelize.transaction((transaction) => this.scope.run(new ActiveTransaction((transaction as unknown as { connection: unknown }).connection, transaction), work));
    // Taking the connection for the transaction happens outside `query`: an outage there is one too.
    return (this.dialect === 'sqlite' ? this.sqliteWriters.run(begin) : begin()).catch(raisePersistenceError);
  }

  private async onDriverTransaction<T>(work: () => Promise<T>, readCommitted: boolean): Promise<T> {
    const manager = this.sequelize.connectionManager;
    const connection: unknown = await manager.getConnection(this.dialect === 'sqlite' ? ({ type: 'write', uuid: SQLITE_WRITER } as { type: 'write' }) : { type: 'write' });
    const statement = (sql: string) => {
      this.options.onQuery?.(sql);
      return transactionStatement(connection, sql);
    };
    let broken = false;
    try {
      if (readCommitted && this.dialect === 'mysql') await statement('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
      // IMMEDIATE: SQLite takes the write lock at BEGIN (waiting out another process's), never midway.
      await statement(this.dialect === 'mysql' ? 'START TRANSACTION' : 'BEGIN IMMEDIATE');
      const active = new ActiveTransaction(connection);
      let result: T;
      try {
        result = await this.scope.run(active, work);
        await statement('COMMIT');
      } catch (error) {
        // After a failed COMMIT too (SQLITE_BUSY leaves the transaction open); a connection that cannot even roll back is dropped.
        await statement('ROLLBACK').catch(() => (broken = true));
        throw error;
      }
      // Outside the rollback's reach: what runs after the commit cannot undo it.
      active.committed();
      return result;
    } finally {
      // SQLite's writer stays open for the next unit of work.
      if (this.dialect === 'mysql') {
        if (broken) (connection as DriverConnection).destroy?.();
        manager.releaseConnection(connection as never);
      }
    }
  }

  async ping(): Promise<void> {
    await this.sequelize.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.replicaReads?.close();
    const readPool = this.readPool;
    this.readPool = undefined;
    if (readPool) await new Promise<void>((resolve) => readPool.end(() => resolve()));
    await this.sqliteStatements.finalizeAll();
    this.sqliteReader = undefined;
    await this.sequelize.close();
  }
}
