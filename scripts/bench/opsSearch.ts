import 'reflect-metadata';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { Database } from '../../adapters/persistence/Database.js';
import { migrate } from '../../adapters/persistence/migrate.js';
import { defineOutboxModels } from '../../adapters/persistence/outbox/outboxModels.js';
import { SequelizeOutboxConsoleStore } from '../../adapters/persistence/outbox/SequelizeOutboxConsoleStore.js';
import { SequelizeOutboxOperatorQueries } from '../../adapters/persistence/outbox/SequelizeOutboxOperatorQueries.js';
import { uuidv7 } from '../../adapters/persistence/outbox/uuidv7.js';
import type { OutboxMessageFilter } from '../../core/ops-console/ports.js';
import type { Benchmark, BenchFigure } from './BenchResult.js';

const SERVER_URL = process.env.MIDPLAT_BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
const MESSAGES = Number(process.env.OPS_SEARCH_BENCH_MESSAGES ?? 200_000);
const SEARCHES = 10;
const ROUNDS = 5;
const DAY = 86_400_000;
const START = Date.parse('2026-06-01T00:00:00Z');
const TOPICS = ['moneyplus.callback', 'billing.notice', 'esb.audit'];

/** The console's filters, as its overview links and its form send them. */
const FILTERS: Array<[string, OutboxMessageFilter]> = [
  ['status FAILED', { status: 'FAILED' }],
  ['topic', { topic: 'billing.notice' }],
  ['uid', { partitionKey: 'uid-77' }],
  ['30-day time range', { createdFrom: new Date(START + 30 * DAY), createdTo: new Date(START + 60 * DAY) }],
  ['status and topic', { status: 'PENDING', topic: 'moneyplus.callback' }],
];

/** Half a year of messages: mostly delivered, 2 % failed, 2 % pending, 20,000 uids. */
async function fill(database: Database): Promise<void> {
  const { OutboxMessage } = database.models(defineOutboxModels);
  for (let first = 0; first < MESSAGES; first += 2000) {
    const rows = Array.from({ length: Math.min(2000, MESSAGES - first) }, (_, offset) => {
      const n = first + offset;
      const at = new Date(START + Math.floor((n / MESSAGES) * 180 * DAY));
      const status = n % 50 === 0 ? 'FAILED' : n % 50 === 1 ? 'PENDING' : 'DONE';
      return {
        id: uuidv7(at.getTime()),
        topic: TOPICS[n % TOPICS.length]!,
        partition_key: `uid-${n % 20_000}`,
        payload: '{"uid":"x"}',
        status,
        attempts: 1,
        next_attempt_at: at,
        lease_owner: null,
        lease_expires_at: null,
        last_error: null,
        created_at: at,
        updated_at: at,
        delivered_at: status === 'DONE' ? at : null,
      } as const;
    });
    await database.inTransaction(() => OutboxMessage.bulkCreate(rows));
  }
}

async function searchFigures(kind: string, database: Database): Promise<BenchFigure[]> {
  await fill(database);
  const store = new SequelizeOutboxConsoleStore(database, new SequelizeOutboxOperatorQueries(database));
  const figures: BenchFigure[] = [];
  for (const [name, filter] of FILTERS) {
    const cursor = (await store.search(filter, { limit: 51 })).at(-1)?.id;
    let best = Number.POSITIVE_INFINITY;
    for (let round = 0; round < ROUNDS; round += 1) {
      const started = performance.now();
      for (let n = 0; n < SEARCHES; n += 1) await store.search(filter, { limit: 51, ...(n % 2 === 1 && cursor ? { beforeId: cursor } : {}) });
      best = Math.min(best, (performance.now() - started) / SEARCHES);
    }
    figures.push({ label: `${kind}: search by ${name} (a page of 51)`, value: best, unit: 'ms' });
  }
  return figures;
}

/**
 * `npm run bench -- ops-search`: the operations console's message search over a large outbox
 * (OPS_SEARCH_BENCH_MESSAGES, 200,000 by default) on SQLite and MariaDB, per filter, first pages
 * and pages after a cursor alternating. Best of a few rounds, ms per search. Figures only.
 */
export const benchmark: Benchmark = {
  name: 'ops-search',
  description: `console message search per filter over ${MESSAGES} messages, SQLite and MariaDB`,
  async run() {
    const file = join(tmpdir(), `midplat-ops-search-${process.pid}.sqlite`);
    const sqlite = new Database({ url: `sqlite:${file}`, poolMax: 1 });
    const figures: BenchFigure[] = [];
    try {
      await migrate(sqlite);
      figures.push(...(await searchFigures('sqlite', sqlite)));
    } finally {
      await sqlite.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    }
    const name = `midplat_ops_search_${process.pid}`;
    const admin = await mysql.createConnection(SERVER_URL);
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
    const mariadb = new Database({ url: `${SERVER_URL}/${name}`, poolMax: 2 });
    try {
      await migrate(mariadb);
      figures.push(...(await searchFigures('mariadb', mariadb)));
    } finally {
      await mariadb.close();
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    }
    return { name: 'ops-search', figures, ratios: [] };
  },
};
