import { expect } from 'chai';
import type mysql from 'mysql2';
import { QueryTypes } from 'sequelize';
import type { OutboxMessageFilter } from '../../../core/ops-console/ports.js';
import { Database, type ReadConnection } from '../../../adapters/persistence/Database.js';
import { migrate } from '../../../adapters/persistence/migrate.js';
import { SequelizeOutboxConsoleStore } from '../../../adapters/persistence/outbox/SequelizeOutboxConsoleStore.js';
import { insertOutboxMessage } from '../../../adapters/persistence/outbox/insertOutboxMessage.js';
import { SequelizeOutboxOperatorQueries } from '../../../adapters/persistence/outbox/SequelizeOutboxOperatorQueries.js';
import { uuidv7 } from '../../../adapters/persistence/outbox/uuidv7.js';
import { SqliteStatementCache, type SqliteConnection } from '../../../adapters/persistence/SqliteStatementCache.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../../support/testDatabases.js';

const MESSAGES = 6000;
const DAY = 24 * 3600 * 1000;
const START = Date.parse('2026-11-01T00:00:00Z');
const TOPICS = ['moneyplus.callback', 'billing.notice', 'esb.audit'];
/** The webhook-id the console looks up: one stored message's. */
const KNOWN_ID = '0192e6a0-0000-7000-8000-000000000004';
const KNOWN_AT = 4321;

/** Message n (0-based): spread over 30 days, 300 uids, three topics. */
const createdAt = (n: number) => new Date(START + Math.floor((n / MESSAGES) * 30 * DAY));
const topicOf = (n: number) => TOPICS[n % TOPICS.length]!;
/** Mostly delivered, a few pending and failed (by `seq`, which is n + 1): the shape of a real outbox. */
const SET_STATUSES = "UPDATE outbox_messages SET status = CASE WHEN seq % 20 = 1 THEN 'FAILED' WHEN seq % 20 = 2 THEN 'PENDING' ELSE 'DONE' END";
const statusOf = (n: number) => (n % 20 === 0 ? 'FAILED' : n % 20 === 1 ? 'PENDING' : 'DONE');

/** Every filter the console offers (SPEC 8.1), alone and as the overview's links combine them. */
const FILTERS: Array<[string, OutboxMessageFilter]> = [
  ['no filter', {}],
  ['status', { status: 'FAILED' }],
  ['topic', { topic: 'billing.notice' }],
  ['uid', { partitionKey: 'uid-7' }],
  ['webhook-id', { id: KNOWN_ID }],
  ['time range', { createdFrom: new Date(START + 10 * DAY), createdTo: new Date(START + 12 * DAY) }],
  ['status and topic (overview link)', { status: 'PENDING', topic: 'moneyplus.callback' }],
  ['status and time range', { status: 'DONE', createdFrom: new Date(START + 3 * DAY) }],
  ['uid and time range', { partitionKey: 'uid-7', createdTo: new Date(START + 20 * DAY) }],
];

/** A statement as the driver was given it. */
interface Statement {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

/** SQLite's cached statements, recording each one run with its parameters. */
class RecordingStatementCache extends SqliteStatementCache {
  constructor(private readonly record: (statement: Statement) => void) {
    super();
  }

  override all<Row>(connection: SqliteConnection, sql: string, parameters: unknown[]): Promise<Row[]> {
    this.record({ sql, parameters });
    return super.all<Row>(connection, sql, parameters);
  }
}

/** A MySQL read pool recording each statement it executes with its parameters. */
function recordingPool(pool: mysql.Pool, record: (statement: Statement) => void): mysql.Pool {
  return new Proxy(pool, {
    get(target, key, receiver) {
      if (key !== 'execute') return Reflect.get(target, key, receiver) as unknown;
      return (options: { sql: string }, parameters: unknown[], callback: unknown) => {
        record({ sql: options.sql, parameters });
        return Reflect.apply(target.execute, target, [options, parameters, callback]) as unknown;
      };
    },
  });
}

/**
 * Records the statements the reads outside a unit of work hand the driver, with their
 * parameters (`onQuery` sees the text alone), so a plan is EXPLAINed for the values it ran with.
 */
class RecordingDatabase extends Database {
  recorded: Statement[] = [];
  override readonly sqliteStatements: SqliteStatementCache = new RecordingStatementCache((statement) => this.recorded.push(statement));

  override onReadPool<T>(connection: ReadConnection, read: (pool: mysql.Pool) => Promise<T>): Promise<T> {
    return super.onReadPool(connection, (pool) => read(recordingPool(pool, (statement) => this.recorded.push(statement))));
  }
}

/** What is wrong with a plan: a table read without an index, or rows sorted after reading them. */
async function planProblems(database: Database, { sql, parameters }: Statement): Promise<string[]> {
  const explain = <Row extends object>(prefix: string) => database.sequelize.query<Row>(`${prefix} ${sql}`, { replacements: [...parameters], type: QueryTypes.SELECT });
  if (database.dialect === 'sqlite') {
    const rows = await explain<{ detail: string }>('EXPLAIN QUERY PLAN');
    return rows.map((row) => row.detail).filter((detail) => /TEMP B-TREE/.test(detail) || (/^SCAN /.test(detail) && !/USING (COVERING )?INDEX/.test(detail)));
  }
  const rows = await explain<{ table: string; type: string; key: string | null; Extra: string | null }>('EXPLAIN');
  // "Impossible WHERE noticed after reading const tables": the row was read through the unique id and failed the rest.
  const constRead = (row: { Extra: string | null }) => /after reading const tables/.test(row.Extra ?? '');
  return rows
    .filter((row) => (row.key === null && !constRead(row)) || row.type === 'ALL' || /filesort|temporary/i.test(row.Extra ?? ''))
    .map((row) => `${row.table}: type ${row.type}, key ${row.key}, ${row.Extra}`);
}

for (const kind of DATABASE_KINDS) {
  describe(`the console's message filters are served by an index, without a sort (${kind})`, function () {
    this.timeout(120_000);
    let testDatabase: TestDatabase;
    let database: RecordingDatabase;
    let consoleStore: SequelizeOutboxConsoleStore;
    let statements: string[] = [];

    /** The SELECTs a call issues, as the driver was given them (every one Sequelize's logging saw). */
    async function selectsOf(call: () => Promise<unknown>): Promise<Statement[]> {
      statements = [];
      database.recorded = [];
      await call();
      const selects = database.recorded.filter(({ sql }) => /^SELECT/i.test(sql));
      const logged = statements.map((line) => line.replace(/^Executing \([^)]*\): /, '')).filter((sql) => /^SELECT/i.test(sql));
      expect(selects.map(({ sql }) => sql)).to.deep.equal(logged);
      return selects;
    }

    before(async () => {
      testDatabase = await createTestDatabase(kind);
      database = new RecordingDatabase({ url: testDatabase.url, poolMax: 2, onQuery: (sql) => statements.push(sql) });
      await migrate(database);
      for (let first = 0; first < MESSAGES; first += 500) {
        await database.inTransaction(async () => {
          for (let n = first; n < first + 500; n += 1) {
            const id = n === KNOWN_AT ? KNOWN_ID : uuidv7(createdAt(n).getTime());
            await insertOutboxMessage(database, id, { topic: topicOf(n), partitionKey: `uid-${n % 300}`, payload: {} }, createdAt(n));
          }
        });
      }
      await database.sequelize.query(SET_STATUSES);
      // MariaDB's optimizer chooses by table statistics; SQLite is left as a deployment leaves it (no ANALYZE).
      if (kind === 'mariadb') await database.sequelize.query('ANALYZE TABLE outbox_messages');
      consoleStore = new SequelizeOutboxConsoleStore(database, new SequelizeOutboxOperatorQueries(database));
    });

    after(async () => {
      await database?.close();
      await testDatabase?.drop();
    });

    for (const [name, filter] of FILTERS) {
      it(`searches by ${name}: first page and the page after a cursor`, async () => {
        const firstPage = await consoleStore.search(filter, { limit: 51 });
        const cursor = firstPage[firstPage.length - 1]?.id ?? uuidv7(START + 15 * DAY);
        const selects = [...(await selectsOf(() => consoleStore.search(filter, { limit: 51 }))), ...(await selectsOf(() => consoleStore.search(filter, { limit: 51, beforeId: cursor })))];
        expect(selects.length).to.be.at.least(2);
        for (const select of selects) expect(await planProblems(database, select), select.sql).to.deep.equal([]);
      });

      it(`counts the FAILED messages matching ${name} (Retry all failed) through an index`, async () => {
        const selects = await selectsOf(() => consoleStore.countFailed(filter));
        expect(selects).to.have.length(1);
        expect(await planProblems(database, selects[0]!), selects[0]!.sql).to.deep.equal([]);
      });
    }

    it('pages through a filter newest first, every matching message once', async () => {
      const filter: OutboxMessageFilter = { status: 'FAILED', topic: 'billing.notice' };
      const seen: Array<{ id: string; createdAt: Date }> = [];
      let cursor: string | undefined;
      for (;;) {
        const page = await consoleStore.search(filter, { limit: 7, ...(cursor ? { beforeId: cursor } : {}) });
        seen.push(...page);
        if (page.length < 7) break;
        cursor = page[page.length - 1]!.id;
      }
      const expected = Array.from({ length: MESSAGES }, (_, n) => n).filter((n) => statusOf(n) === 'FAILED' && topicOf(n) === 'billing.notice');
      expect(seen).to.have.length(expected.length);
      expect(new Set(seen.map((message) => message.id)).size).to.equal(seen.length);
      const times = seen.map((message) => message.createdAt.getTime());
      expect(times).to.deep.equal([...times].sort((a, b) => b - a));
    });
  });
}
