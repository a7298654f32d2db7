import { BaseError, DatabaseError } from 'sequelize';
import type { Database, ReadConnection } from './Database.js';
import { raisePersistenceError } from './isDatabaseUnavailable.js';
import type { SqliteConnection } from './SqliteStatementCache.js';
import { sqliteDateText } from './sqlDate.js';
import { inList } from './sqlList.js';

export type SqlParameter = string | number | boolean | Date | null;

/** A parameter of `selectRows`: a value, or a list that fills an `IN (?)`. */
export type SelectParameter = SqlParameter | readonly SqlParameter[];

/** How `selectRows` reads. */
export interface SelectOptions {
  /**
   * MySQL date and time columns as the server's text, never converted to Date (SQLite keeps
   * them as text anyway). A wide graph then skips a Date and its time zone arithmetic per value.
   */
  readonly dateStrings?: true;
  /**
   * `replica`: outside a unit of work, on a usable read replica if there is one (the
   * read-only paths: a replica may be up to `database.maxReplicaLagMs` behind). Inside a
   * unit of work every read stays on its transaction, on the primary.
   */
  readonly readFrom?: ReadConnection;
}

/** Let mysql2 convert every column itself: no per-field Sequelize conversion on its connections. */
const passThrough = (_field: unknown, next: () => unknown) => next();

interface MysqlConnection {
  execute(sql: string | { sql: string; dateStrings: boolean; typeCast: unknown }, parameters: unknown[], callback: (error: Error | null, result: unknown) => void): void;
}

interface SqliteTransactionConnection {
  all(sql: string, parameters: unknown[], callback: (error: Error | null, rows: unknown[]) => void): void;
  run(sql: string, parameters: unknown[], callback: (this: { changes: number }, error: Error | null) => void): void;
}

/** What a write statement did. */
export interface WriteResult {
  readonly affectedRows: number;
}

function reportToLogging(database: Database, sql: string): void {
  const { logging } = (database.sequelize as unknown as { options: { logging?: unknown } }).options;
  if (typeof logging === 'function') logging(sql);
}

/** A parameter as SQLite takes it: dates as the text Sequelize writes, booleans as numbers. */
function sqliteValue(value: SqlParameter): SqlParameter {
  if (!(value instanceof Date)) return typeof value === 'boolean' ? Number(value) : value;
  return sqliteDateText(value);
}

function onMysql<T>(connection: unknown, sql: string | { sql: string; dateStrings: boolean; typeCast: unknown }, parameters: readonly SqlParameter[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    (connection as MysqlConnection).execute(sql, [...parameters], (error, result) => (error ? reject(error) : resolve(result as T)));
  });
}

/** `IN (?)` with a list becomes `IN (?, ?, …)` with its items, padded (`inList`) so the texts stay few. */
function expandLists(sql: string, parameters: readonly SelectParameter[]): { sql: string; values: SqlParameter[] } {
  if (!parameters.some((parameter) => Array.isArray(parameter))) return { sql, values: parameters as SqlParameter[] };
  const pieces = sql.split('?');
  if (pieces.length !== parameters.length + 1) throw new Error(`selectRows: ${pieces.length - 1} placeholders for ${parameters.length} parameters`);
  const values: SqlParameter[] = [];
  let expanded = pieces[0]!;
  parameters.forEach((parameter, index) => {
    if (Array.isArray(parameter)) {
      const list = inList(parameter as readonly SqlParameter[]);
      expanded += list.placeholders;
      values.push(...list.values);
    } else {
      expanded += '?';
      values.push(parameter as SqlParameter);
    }
    expanded += pieces[index + 1]!;
  });
  return { sql: expanded, values };
}

/**
 * Runs `work` on the driver connection of the current unit of work, or on a pooled one
 * outside any. Sequelize's own query pipeline costs several hundred microseconds per
 * statement, more than a small indexed statement itself, so the hot paths talk to the
 * driver directly; the SQL is still reported to Sequelize's `logging` hook.
 */
async function onConnection<T>(database: Database, sql: string, work: (connection: unknown, cached: boolean) => Promise<T>): Promise<T> {
  reportToLogging(database, sql);
  const active = database.currentTransaction();
  // The driver unit of work's connection outlives it (SQLite's writer), Sequelize's model transaction's does not.
  if (active) return work(active.connection, !active.modelTransaction);
  if (database.dialect === 'sqlite') return work(await database.sqliteReadConnection(), true);
  const manager = database.sequelize.connectionManager;
  const connection = await manager.getConnection({ type: 'read' });
  try {
    return await work(connection, true);
  } finally {
    manager.releaseConnection(connection);
  }
}

/**
 * Driver errors leave persistence as Sequelize's DatabaseError, like every other statement's
 * (the driver's code stays on `original`), and an outage as DatabaseUnavailable.
 */
function asDatabaseError(error: unknown): never {
  raisePersistenceError(error instanceof BaseError ? error : new DatabaseError(error as Error & { sql: string }));
}

/**
 * A SELECT straight on the driver: a cached prepared statement (mysql2's cache on MySQL,
 * outside a unit of work on the database's read pool; ours on SQLite's connections, except
 * in a Sequelize model transaction, whose connection is closed at its end).
 */
export async function selectRows<Row extends object>(
  database: Database,
  sql: string,
  parameters: readonly SelectParameter[],
  options: SelectOptions = {},
): Promise<Row[]> {
  const expanded = expandLists(sql, parameters);
  return selectOnDriver<Row>(database, expanded.sql, expanded.values, options).catch(asDatabaseError);
}

async function selectOnDriver<Row extends object>(database: Database, sql: string, parameters: readonly SqlParameter[], options: SelectOptions): Promise<Row[]> {
  if (database.dialect === 'mysql' && !database.currentTransaction()) {
    reportToLogging(database, sql);
    return database.onReadPool(options.readFrom ?? 'primary', (pool) => new Promise<Row[]>((resolve, reject) => {
      pool.execute({ sql, dateStrings: options.dateStrings === true }, [...parameters], (error, rows) => (error ? reject(error) : resolve(rows as Row[])));
    }));
  }
  return onConnection(database, sql, (connection, cached) => {
    // Sequelize's connections carry its typeCast, which would turn the date strings back into Dates.
    if (database.dialect === 'mysql') return onMysql<Row[]>(connection, options.dateStrings ? { sql, dateStrings: true, typeCast: passThrough } : sql, parameters);
    const values = parameters.map(sqliteValue);
    if (cached) return database.sqliteStatements.all<Row>(connection as SqliteConnection, sql, values);
    return new Promise<Row[]>((resolve, reject) => {
      (connection as SqliteTransactionConnection).all(sql, values, (error, rows) => (error ? reject(error) : resolve(rows as Row[])));
    });
  });
}

/** An INSERT, UPDATE or DELETE straight on the driver (see `selectRows`). */
export async function runStatement(database: Database, sql: string, parameters: readonly SqlParameter[]): Promise<WriteResult> {
  return runOnDriver(database, sql, parameters).catch(asDatabaseError);
}

async function runOnDriver(database: Database, sql: string, parameters: readonly SqlParameter[]): Promise<WriteResult> {
  return onConnection(database, sql, async (connection) => {
    if (database.dialect === 'mysql') {
      const result = await onMysql<{ affectedRows: number }>(connection, sql, parameters);
      return { affectedRows: result.affectedRows };
    }
    return new Promise<WriteResult>((resolve, reject) => {
      (connection as SqliteTransactionConnection).run(sql, parameters.map(sqliteValue), function (error) {
        if (error) reject(error);
        else resolve({ affectedRows: this.changes });
      });
    });
  });
}
