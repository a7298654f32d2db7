import { expect } from 'chai';
import sqlite3 from 'sqlite3';
import { SqliteStatementCache } from '../../../adapters/persistence/SqliteStatementCache.js';
import { rejectionOf } from '../../support/rejectionOf.js';

/** A real node-sqlite3 connection on an in-memory database. */
async function openDatabase(): Promise<sqlite3.Database> {
  const database = await new Promise<sqlite3.Database>((resolve, reject) => {
    const opened: sqlite3.Database = new sqlite3.Database(':memory:', (error) => (error ? reject(error) : resolve(opened)));
  });
  await exec(database, 'CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)');
  await exec(database, `INSERT INTO t (id, name) VALUES ${Array.from({ length: 100 }, (_, i) => `(${i}, 'n${i}')`).join(', ')}`);
  return database;
}

const exec = (database: sqlite3.Database, sql: string) =>
  new Promise<void>((resolve, reject) => database.exec(sql, (error) => (error ? reject(error) : resolve())));
const close = (database: sqlite3.Database) =>
  new Promise<void>((resolve, reject) => database.close((error) => (error ? reject(error) : resolve())));

describe('SqliteStatementCache (node-sqlite3, real in-memory database)', () => {
  let database: sqlite3.Database;
  let cache: SqliteStatementCache;

  beforeEach(async () => {
    database = await openDatabase();
    cache = new SqliteStatementCache();
  });

  afterEach(async () => {
    await cache.finalizeAll();
    await close(database).catch(() => undefined);
  });

  it('gives each of many concurrent calls on one statement the rows of its own parameters', async () => {
    const ids = Array.from({ length: 300 }, (_, i) => (i * 37) % 100);
    const rows = await Promise.all(ids.map((id) => cache.all<{ id: number; name: string }>(database, 'SELECT id, name FROM t WHERE id = ?', [id])));
    expect(rows).to.deep.equal(ids.map((id) => [{ id, name: `n${id}` }]));
  });

  it('keeps statements open until finalizeAll, which lets the connection close', async () => {
    await cache.all(database, 'SELECT name FROM t WHERE id = ?', [1]);
    const refused = await close(database).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(refused?.message).to.match(/SQLITE_BUSY: unable to close due to unfinalized statements/);
    await cache.finalizeAll();
    await close(database);
  });

  it('finalizes what it evicts past its bound, still answering every statement', async () => {
    for (let i = 0; i < 80; i += 1) {
      expect(await cache.all(database, `SELECT name, ${i} AS k FROM t WHERE id = ?`, [i])).to.deep.equal([{ name: `n${i}`, k: i }]);
    }
    await cache.finalizeAll();
    await close(database); // an evicted statement left open would make this fail with SQLITE_BUSY
  });

  it('does not keep a statement that failed, so it works once its table exists', async () => {
    const sql = 'SELECT v FROM later WHERE v = ?';
    const failure = await rejectionOf(cache.all(database, sql, [1]));
    expect(failure.message).to.match(/no such table: later/);
    await exec(database, 'CREATE TABLE later (v INTEGER); INSERT INTO later VALUES (1)');
    expect(await cache.all(database, sql, [1])).to.deep.equal([{ v: 1 }]);
  });
});
