import { QueryTypes } from 'sequelize';
import type { Database } from './Database.js';
import type { SqliteConnection } from './SqliteStatementCache.js';

interface MysqlConnection {
  execute(sql: string, parameters: unknown[], callback: (error: Error | null, rows: unknown) => void): void;
}

/**
 * A read-only SELECT for hot paths, straight on the driver connection Sequelize manages:
 * Sequelize's own query pipeline costs several hundred microseconds per statement, more
 * than the statement itself. It runs as a cached prepared statement (mysql2's cache on
 * MySQL, ours on SQLite). Inside a unit of work it goes through Sequelize, to read on
 * that transaction's connection.
 * The SQL is reported to Sequelize's `logging` hook like any other statement.
 */
export async function selectRows<Row extends object>(database: Database, sql: string, parameters: readonly (string | number)[]): Promise<Row[]> {
  const transaction = database.currentTransaction();
  if (transaction) {
    return database.sequelize.query<Row>(sql, { replacements: [...parameters], type: QueryTypes.SELECT, transaction });
  }
  const { logging } = (database.sequelize as unknown as { options: { logging?: unknown } }).options;
  if (typeof logging === 'function') logging(sql);
  const manager = database.sequelize.connectionManager;
  const connection = await manager.getConnection({ type: 'read' });
  try {
    if (database.dialect === 'sqlite') return await database.sqliteStatements.all<Row>(connection as SqliteConnection, sql, [...parameters]);
    return await new Promise<Row[]>((resolve, reject) => {
      (connection as MysqlConnection).execute(sql, [...parameters], (error, rows) => (error ? reject(error) : resolve(rows as Row[])));
    });
  } finally {
    manager.releaseConnection(connection);
  }
}
