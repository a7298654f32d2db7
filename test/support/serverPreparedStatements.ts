import type { Database } from '../../adapters/persistence/Database.js';

/** One MySQL session's statement counters, as the server keeps them. */
export interface SessionStatements {
  readonly threadId: number;
  readonly prepared: number;
  readonly closed: number;
}

interface CallbackConnection {
  readonly threadId: number;
  query(sql: string, callback: (error: Error | null, rows: Array<{ Variable_name: string; Value: string }>) => void): void;
}

const COUNTERS_SQL = "SHOW SESSION STATUS WHERE Variable_name IN ('Com_stmt_prepare', 'Com_stmt_close')";

function countersOf(connection: CallbackConnection): Promise<SessionStatements> {
  return new Promise((resolve, reject) => {
    connection.query(COUNTERS_SQL, (error, rows) => {
      if (error) return reject(error);
      const value = (name: string) => Number(rows.find((row) => row.Variable_name === name)?.Value ?? 0);
      resolve({ threadId: connection.threadId, prepared: value('Com_stmt_prepare'), closed: value('Com_stmt_close') });
    });
  });
}

/**
 * The server's statement counters of every connection a MySQL `Database` holds (both its
 * pools), read on each session itself: the server's global `Prepared_stmt_count` also
 * counts every other client's, and performance_schema is off by default on MariaDB. A
 * session's open statements are its prepares less its closes; a closed connection frees its own.
 * Every connection of each pool is taken at once, so the pools must be idle.
 */
export async function serverPreparedStatements(database: Database, poolMax: number): Promise<SessionStatements[]> {
  const manager = database.sequelize.connectionManager;
  const sequelizeConnections = await Promise.all(Array.from({ length: poolMax }, () => manager.getConnection({ type: 'read' })));
  const pool = database.mysqlReadPool();
  const readConnections = await Promise.all(
    Array.from({ length: poolMax }, () => new Promise<CallbackConnection & { release(): void }>((resolve, reject) => {
      pool.getConnection((error, connection) => (error ? reject(error) : resolve(connection as unknown as CallbackConnection & { release(): void })));
    })),
  );
  try {
    return await Promise.all([...sequelizeConnections, ...readConnections].map((connection) => countersOf(connection as unknown as CallbackConnection)));
  } finally {
    for (const connection of sequelizeConnections) manager.releaseConnection(connection);
    for (const connection of readConnections) connection.release();
  }
}

/** Statements open on the server across these sessions. */
export function openStatements(sessions: readonly SessionStatements[]): number {
  return sessions.reduce((sum, session) => sum + session.prepared - session.closed, 0);
}

/** Prepares since `before`, per session matched by thread id (a new session counts from zero). */
export function preparesSince(before: readonly SessionStatements[], after: readonly SessionStatements[]): number {
  return after.reduce((sum, session) => sum + session.prepared - (before.find((earlier) => earlier.threadId === session.threadId)?.prepared ?? 0), 0);
}
