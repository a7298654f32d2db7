import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { createLogger } from '../../../adapters/logging/Logger.js';
import { SequelizeProcessedKycEventRetention } from '../../../adapters/persistence/kyc-change-notifier/SequelizeProcessedKycEventRetention.js';
import type { AttemptRecord } from '../../../core/shared/OutboxStore.js';
import { SequelizeOutboxRetention } from '../../../adapters/persistence/outbox/SequelizeOutboxRetention.js';
import { uuidv7 } from '../../../adapters/persistence/outbox/uuidv7.js';
import { RetentionJob } from '../../../adapters/scheduler/RetentionJob.js';
import { ManualClock } from '../../support/ManualClock.js';
import { markDone } from '../../support/outbox/markDone.js';
import { buildOutboxRig, QUIET_SCHEDULE, type OutboxRig } from '../../support/outbox/outboxTestRig.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../../support/testDatabases.js';
import { waitForLockWait } from '../../support/waitForLockWait.js';

const DAY = 86_400_000;
const NOW = new Date('2026-12-05T12:00:00.000Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);
const TOPIC = 'retention.test';

function attemptAt(startedAt: Date, succeeded: boolean): AttemptRecord {
  return { startedAt, durationMs: 12, succeeded, httpStatus: 200, response: '{"retcode":0}', error: succeeded ? null : 'retcode 1' };
}

/** A message enqueued `at`, attempted once then, and left DONE, FAILED or PENDING (retrying). */
async function messageWithOneAttempt(rig: OutboxRig, at: Date, outcome: 'DONE' | 'FAILED' | 'PENDING', key: string): Promise<string> {
  const id = uuidv7(at.getTime());
  const { store } = rig;
  await rig.insert(id, { topic: TOPIC, partitionKey: key, payload: { key } }, at);
  const [claim] = await store.claim({ owner: 'seeder', now: at, leaseMs: 60_000, topics: [TOPIC], limit: 1 });
  expect(claim!.id).to.equal(id);
  if (outcome === 'DONE') expect(await markDone(store, claim!, at, attemptAt(at, true))).to.equal(true);
  else if (outcome === 'FAILED') expect(await store.markFailed(claim!, 'retcode 1', at, attemptAt(at, false))).to.equal(true);
  else expect(await store.reschedule(claim!, new Date(NOW.getTime() + DAY), 'retcode 1', at, attemptAt(at, false))).to.equal(true);
  return id;
}

async function idsIn(rig: OutboxRig, table: 'outbox_messages' | 'outbox_attempts'): Promise<string[]> {
  const column = table === 'outbox_messages' ? 'id' : 'message_id';
  const rows = await rig.database.sequelize.query<{ id: string }>(`SELECT ${column} AS id FROM ${table} ORDER BY ${column}`, { type: QueryTypes.SELECT });
  return rows.map((row) => row.id);
}

for (const kind of DATABASE_KINDS) {
  describe(`outbox and KYC retention (${kind})`, function () {
    this.timeout(60_000);
    let testDatabase: TestDatabase;
    let rig: OutboxRig;

    beforeEach(async () => {
      testDatabase = await createTestDatabase(kind);
      rig = await buildOutboxRig({ url: testDatabase.url, handlers: [] });
    });

    afterEach(async () => {
      await rig.close();
      await testDatabase.drop();
    });

    it('purges delivered messages and their attempts past retentionDays; FAILED, PENDING and recent DONE stay', async () => {
      const oldDone = [
        await messageWithOneAttempt(rig, daysAgo(45), 'DONE', 'a'),
        await messageWithOneAttempt(rig, daysAgo(40), 'DONE', 'b'),
        await messageWithOneAttempt(rig, daysAgo(31), 'DONE', 'c'),
      ];
      const kept = [
        await messageWithOneAttempt(rig, daysAgo(29), 'DONE', 'd'),
        await messageWithOneAttempt(rig, daysAgo(60), 'FAILED', 'e'),
        await messageWithOneAttempt(rig, daysAgo(60), 'PENDING', 'f'),
      ].sort();
      const settings = { schedule: QUIET_SCHEDULE, batchSize: 100, leaseMs: 30000, backoffMs: [1000], retentionDays: 30, purgeSchedule: QUIET_SCHEDULE, purgeBatchSize: 2 };
      const job = new RetentionJob(settings, new ManualClock(NOW), createLogger('silent'), [new SequelizeOutboxRetention(rig.database)]);

      expect(await job.runOnce()).to.deep.equal({ outbox: 3 });
      expect(await idsIn(rig, 'outbox_messages')).to.deep.equal(kept);
      expect(await idsIn(rig, 'outbox_attempts')).to.deep.equal(kept);
      for (const id of oldDone) expect(await rig.operatorQueries.find(id)).to.equal(null);
      expect(await job.runOnce()).to.deep.equal({ outbox: 0 });
    });

    it('deletes at most the batch size per call', async () => {
      for (const key of ['a', 'b', 'c', 'd', 'e']) await messageWithOneAttempt(rig, daysAgo(40), 'DONE', key);
      const purger = new SequelizeOutboxRetention(rig.database);
      const batches: number[] = [];
      for (let count = -1; count !== 0; ) batches.push((count = await purger.purgeBatch(daysAgo(30), 2)));
      expect(batches).to.deep.equal([2, 2, 1, 0]);
      expect(await idsIn(rig, 'outbox_attempts')).to.deep.equal([]);
    });

    it('purges processed KYC event ids past the horizon and never touches the KYC history', async () => {
      const insert = (table: string, columns: string, values: unknown[]) =>
        rig.database.sequelize.query(`INSERT INTO ${table} (${columns}) VALUES (${values.map(() => '?').join(', ')})`, { replacements: values });
      await insert('kyc_processed_events', 'event_id, uid, event_type, outcome, processed_at', ['evt-old', 'u1', 'PHONE', 'APPLIED', daysAgo(31)]);
      await insert('kyc_processed_events', 'event_id, uid, event_type, outcome, processed_at', ['evt-new', 'u1', 'PHONE', 'APPLIED', daysAgo(29)]);
      await insert('kyc_profile_history', 'uid, event_id, event_type, outcome, changes, occurred_at, request_id, recorded_at', ['u1', 'evt-old', 'PHONE', 'APPLIED', '[]', 1, 'r1', daysAgo(31)]);
      const purger = new SequelizeProcessedKycEventRetention(rig.database);

      expect(await purger.purgeBatch(daysAgo(30), 100)).to.equal(1);
      const events = await rig.database.sequelize.query<{ event_id: string }>('SELECT event_id FROM kyc_processed_events', { type: QueryTypes.SELECT });
      expect(events.map((row) => row.event_id)).to.deep.equal(['evt-new']);
      const history = await rig.database.sequelize.query('SELECT event_id FROM kyc_profile_history', { type: QueryTypes.SELECT });
      expect(history).to.have.length(1);
    });

    if (kind === 'mariadb') {
      it('never blocks a claim, an enqueue or an outcome being recorded while a purge batch holds its locks', async () => {
        const old = [];
        for (const key of ['a', 'b', 'c']) old.push(await messageWithOneAttempt(rig, daysAgo(40), 'DONE', key));
        // Another process: its own pool on the same database.
        const other = await buildOutboxRig({ url: testDatabase.url, handlers: [] });
        const due = uuidv7();
        await other.insert(due, { topic: TOPIC, partitionKey: 'z', payload: {} }, new Date());
        // A third session locks the newest purgeable row, so the real purge deletes the other
        // two and then waits inside its transaction, holding every lock it took so far.
        const blocker = await rig.database.sequelize.transaction();
        let purge: Promise<number> | undefined;
        let purgeSettled = false;
        try {
          await rig.database.sequelize.query('SELECT seq FROM outbox_messages WHERE id = ? FOR UPDATE', { replacements: [old[2]], transaction: blocker });
          purge = new SequelizeOutboxRetention(rig.database).purgeBatch(daysAgo(30), 10);
          purge.then(() => (purgeSettled = true), () => (purgeSettled = true));
          await waitForLockWait(rig.database.sequelize, '% FROM outbox_messages %', 'the purge to wait for the locked row');
          const work = (async () => {
            const fresh = uuidv7();
            await other.insert(fresh, { topic: TOPIC, partitionKey: 'y', payload: {} }, new Date());
            const claimed = await other.store.claim({ owner: 'live-worker', now: new Date(), leaseMs: 60_000, topics: [TOPIC], limit: 10 });
            expect(claimed.map((message) => message.id).sort()).to.deep.equal([due, fresh].sort());
            for (const message of claimed) expect(await markDone(other.store, message, new Date(), attemptAt(new Date(), true))).to.equal(true);
            return 'done';
          })();
          const blocked = new Promise<string>((resolve) => setTimeout(() => resolve('blocked'), 5000).unref());
          expect(await Promise.race([work, blocked])).to.equal('done');
          // The live work finished while the purge still held its locks.
          expect(purgeSettled).to.equal(false);
        } finally {
          await blocker.commit();
          await purge?.catch(() => undefined);
          await other.close();
        }
        expect(await purge).to.equal(3);
        expect(await idsIn(rig, 'outbox_attempts')).to.have.length(2);
      });
    }
  });
}
