import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import sqlite3 from 'sqlite3';
import { Database } from '../../../adapters/persistence/Database.js';
import { runStatement } from '../../../adapters/persistence/selectRows.js';

const exec = (connection: sqlite3.Database, sql: string) =>
  new Promise<void>((resolve, reject) => connection.exec(sql, (error) => (error ? reject(error) : resolve())));

/** Another process's writer (an operator's CLI beside the service) holds SQLite's write lock for a moment. */
describe('SQLite waits for another connection\'s write lock instead of failing at once (SQLITE_BUSY)', function () {
  this.timeout(30_000);
  let folder: string;
  let database: Database;
  let other: sqlite3.Database;

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'midplat-busy-'));
    const file = join(folder, 'midplat.sqlite');
    database = new Database({ url: `sqlite:${file}`, poolMax: 1 });
    await database.sequelize.query('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)');
    other = await new Promise<sqlite3.Database>((resolve, reject) => {
      const opened: sqlite3.Database = new sqlite3.Database(file, (error) => (error ? reject(error) : resolve(opened)));
    });
  });

  afterEach(async () => {
    await new Promise<void>((resolve) => other.close(() => resolve()));
    await database.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('writes once the other writer commits, well within the busy timeout', async () => {
    await exec(other, "BEGIN IMMEDIATE; INSERT INTO t (id, name) VALUES (1, 'other')");
    let committed = false;
    // Longer than node-sqlite3's own default of 1 s, well under SQLITE_BUSY_TIMEOUT_MS.
    const release = new Promise<void>((resolve) => setTimeout(() => {
      committed = true;
      exec(other, 'COMMIT').then(resolve, resolve);
    }, 1500));
    // On the driver (as the outbox, the audit trail and the hot paths write), which Sequelize's own retry of SQLITE_BUSY does not cover.
    await database.inTransaction(() => runStatement(database, 'INSERT INTO t (id, name) VALUES (?, ?)', [2, 'ours']));
    await release;
    expect(committed, 'our write finished before the other writer let go').to.equal(true);
    const [rows] = await database.sequelize.query('SELECT id FROM t ORDER BY id');
    expect(rows).to.deep.equal([{ id: 1 }, { id: 2 }]);
  });
});
