import { existsSync } from 'node:fs';
import mysql from 'mysql2/promise';
import sqlite3 from 'sqlite3';

/** Every row of every table, as sorted JSON lines per table; `null` when the SQLite file does not exist. */
export type DatabaseSnapshot = Record<string, string[]> | null;

function sqliteAll(database: sqlite3.Database, sql: string): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => database.all(sql, (error: Error | null, rows: Record<string, unknown>[]) => (error ? reject(error) : resolve(rows))));
}

async function sqliteSnapshot(file: string): Promise<DatabaseSnapshot> {
  if (!existsSync(file)) return null;
  const database = await new Promise<sqlite3.Database>((resolve, reject) => {
    const opened: sqlite3.Database = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (error) => (error ? reject(error) : resolve(opened)));
  });
  try {
    const result: Record<string, string[]> = {};
    for (const { name } of await sqliteAll(database, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
      const rows = await sqliteAll(database, `SELECT * FROM "${String(name)}"`);
      result[String(name)] = rows.map((row) => JSON.stringify(row)).sort();
    }
    return result;
  } finally {
    await new Promise((resolve) => database.close(resolve));
  }
}

async function mysqlSnapshot(url: string): Promise<DatabaseSnapshot> {
  const connection = await mysql.createConnection(url);
  try {
    const [tables] = await connection.query<mysql.RowDataPacket[]>('SHOW TABLES');
    const result: Record<string, string[]> = {};
    for (const row of tables) {
      const table = String(Object.values(row)[0]);
      const [rows] = await connection.query<mysql.RowDataPacket[]>(`SELECT * FROM \`${table}\``);
      result[table] = rows.map((each) => JSON.stringify(each)).sort();
    }
    return result;
  } finally {
    await connection.end();
  }
}

/** What "nothing was written" is measured against, for a `sqlite:` or `mysql:` database URL. */
export function databaseSnapshot(url: string): Promise<DatabaseSnapshot> {
  return url.startsWith('sqlite:') ? sqliteSnapshot(url.slice('sqlite:'.length)) : mysqlSnapshot(url);
}
