import { Writable } from 'node:stream';
import { expect } from 'chai';
import { createLogger } from '../../../adapters/logging/Logger.js';
import { Database } from '../../../adapters/persistence/Database.js';
import { migrate } from '../../../adapters/persistence/migrate.js';
import { insertOutboxMessage } from '../../../adapters/persistence/outbox/insertOutboxMessage.js';
import { isTidb, outboxClaimSetting, type OutboxClaimSetting } from '../../../adapters/persistence/outbox/OutboxClaimMode.js';
import { outboxPersistenceModule } from '../../../adapters/persistence/outbox/outboxPersistenceModule.js';
import { SequelizeOutboxStore } from '../../../adapters/persistence/outbox/SequelizeOutboxStore.js';
import { selectRows } from '../../../adapters/persistence/selectRows.js';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from '../../support/testDatabases.js';

describe('outbox.claim', function () {
  this.timeout(60_000);
  let testDatabase: TestDatabase | undefined;
  let database: Database | undefined;

  afterEach(async () => {
    await database?.close();
    await testDatabase?.drop();
    database = undefined;
    testDatabase = undefined;
  });

  /** A store on a fresh migrated database, logging into `logs`. */
  async function storeOn(kind: DatabaseKind, setting: OutboxClaimSetting, logs: Record<string, unknown>[] = [], onQuery?: (sql: string) => void): Promise<SequelizeOutboxStore> {
    testDatabase = await createTestDatabase(kind);
    database = new Database({ url: testDatabase.url, poolMax: 5, onQuery });
    await migrate(database);
    const destination = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        for (const line of chunk.toString('utf8').split('\n')) if (line) logs.push(JSON.parse(line) as Record<string, unknown>);
        callback();
      },
    });
    return new SequelizeOutboxStore(database, setting, createLogger('info', destination));
  }

  async function insertMessages(count: number): Promise<void> {
    for (let n = 0; n < count; n += 1) {
      await insertOutboxMessage(database!, `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`, { topic: 't', partitionKey: `k${n}`, payload: {} }, new Date(0));
    }
  }

  it('names TiDB by its VERSION() text and nothing else', () => {
    expect(isTidb('8.0.11-TiDB-v7.5.1')).to.equal(true);
    expect(isTidb('5.7.25-TiDB-v6.5.0')).to.equal(true);
    expect(isTidb('10.11.19-MariaDB-0+deb12u1')).to.equal(false);
    expect(isTidb('8.0.36')).to.equal(false);
  });

  it('refuses an unknown value, naming the key', () => {
    expect(() => outboxClaimSetting('nowait')).to.throw(/^outbox\.claim: unknown value "nowait" \(known: auto, skip-locked, lease-update\)/);
    expect(() => outboxPersistenceModule('SKIP-LOCKED')).to.throw(/^outbox\.claim: /);
  });

  it('auto is skip-locked on MariaDB, decided once and logged with the server it asked', async () => {
    const logs: Record<string, unknown>[] = [];
    const store = await storeOn('mariadb', 'auto', logs);
    await insertMessages(2);
    expect(await store.claim({ owner: 'w', now: new Date(), leaseMs: 60_000, topics: ['t'], limit: 1 })).to.have.length(1);
    expect(await store.claim({ owner: 'w', now: new Date(), leaseMs: 60_000, topics: ['t'], limit: 1 })).to.have.length(1);
    expect(await store.claimMode()).to.equal('skip-locked');
    const chosen = logs.filter((line) => line.msg === 'outbox claim mode chosen');
    expect(chosen).to.have.length(1);
    expect(chosen[0]).to.include({ setting: 'auto', mode: 'skip-locked' });
    expect(String(chosen[0]!.server)).to.match(/MariaDB/);
  });

  for (const setting of ['auto', 'skip-locked', 'lease-update'] as const) {
    it(`on SQLite, ${setting} is accepted and the single-writer claim is used`, async () => {
      const store = await storeOn('sqlite', setting);
      await insertMessages(3);
      const claimed = await store.claim({ owner: 'w', now: new Date(), leaseMs: 60_000, topics: ['t'], limit: 2 });
      expect(claimed.map((message) => message.attempt)).to.deep.equal([1, 1]);
      expect(await store.claimMode()).to.equal('single-writer');
    });
  }

  it('lease-update: claims racing under one owner name each get only the rows they won', async () => {
    const store = await storeOn('mariadb', 'lease-update');
    await insertMessages(40);
    // One process's owner name for all: only the per-claim token tells their rows apart.
    const claims = await Promise.all(
      Array.from({ length: 8 }, () => store.claim({ owner: 'one-process', now: new Date(), leaseMs: 60_000, topics: ['t'], limit: 4 })),
    );
    const ids = claims.flat().map((message) => message.id);
    expect(new Set(ids).size).to.equal(ids.length);
    const leased = await selectRows<{ id: string; lease_owner: string; attempts: number }>(
      database!,
      'SELECT id, lease_owner, attempts FROM outbox_messages WHERE lease_owner IS NOT NULL',
      [],
    );
    expect(leased.map((row) => row.id).sort()).to.deep.equal([...ids].sort());
    expect(leased.every((row) => row.attempts === 1)).to.equal(true);
    // Each claim's messages carry the token its rows hold, so their outcomes are fenced by it.
    const ownerOf = new Map(leased.map((row) => [row.id, row.lease_owner]));
    for (const claim of claims) {
      expect(new Set(claim.map((message) => message.leaseOwner)).size).to.be.at.most(1);
      for (const message of claim) expect(ownerOf.get(message.id)).to.equal(message.leaseOwner);
    }
    expect(new Set(claims.flat().map((message) => message.leaseOwner)).size).to.equal(claims.filter((claim) => claim.length > 0).length);
  });

  it('lease-update: its statements take a few texts whatever the claim size, and carry no value', async () => {
    const texts = new Set<string>();
    const store = await storeOn('mariadb', 'lease-update', [], (sql) => texts.add(sql));
    await insertMessages(200);
    texts.clear();
    let claimed = 0;
    for (let limit = 1; limit <= 19; limit += 1) {
      for (const message of await store.claim({ owner: 'w', now: new Date(), leaseMs: 60_000, topics: ['t'], limit })) {
        claimed += 1;
        expect([...texts].some((text) => text.includes(message.leaseOwner) || text.includes(message.id))).to.equal(false);
      }
    }
    expect(claimed).to.equal(190);
    // One candidate read, and an UPDATE and a read-back per padded size (1, 2, 4, 8, 16, 32).
    expect(texts.size).to.be.at.most(1 + 2 * 6);
  });
});
