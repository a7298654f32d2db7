import { expect } from 'chai';
import type { AttemptRecord } from '../../../core/shared/OutboxStore.js';
import { SequelizeOutboxConsoleStore } from '../../../adapters/persistence/outbox/SequelizeOutboxConsoleStore.js';
import { ManualClock } from '../../support/ManualClock.js';
import { markDone } from '../../support/outbox/markDone.js';
import { buildOutboxRig, type OutboxRig } from '../../support/outbox/outboxTestRig.js';
import { RecordingOutboxHandler } from '../../support/outbox/RecordingOutboxHandler.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../../support/testDatabases.js';

const record = (at: Date): AttemptRecord => ({ startedAt: at, durationMs: 5, succeeded: true, httpStatus: 200, response: 'ok', error: null });

for (const kind of DATABASE_KINDS) {
  describe(`outbox attempt log (${kind})`, function () {
    this.timeout(30_000);
    let testDatabase: TestDatabase;
    let rig: OutboxRig;
    let clock: ManualClock;
    let handler: RecordingOutboxHandler;
    const attemptsOf = (id: string) => new SequelizeOutboxConsoleStore(rig.database, rig.operatorQueries).attemptsOf(id);
    const enqueue = (key: string) => rig.unitOfWork.run(() => rig.outbox.enqueue({ topic: 'test.topic', partitionKey: key, payload: { key } }));

    beforeEach(async () => {
      testDatabase = await createTestDatabase(kind);
      clock = new ManualClock(new Date('2026-11-23T09:00:00.250Z'));
      handler = new RecordingOutboxHandler('test.topic', 3);
      rig = await buildOutboxRig({ url: testDatabase.url, handlers: [handler], clock, settings: { backoffMs: [1000] }, random: () => 0.5 });
    });

    afterEach(async () => {
      await rig.close();
      await testDatabase.drop();
    });

    it('records every attempt of the worker: number, start, HTTP status, the first 1 KiB of the reply, error', async () => {
      const id = await enqueue('u1');
      const replies = ['é'.repeat(600), '{"retcode":0}'];
      handler.answer = (delivery) =>
        delivery.attempt === 1
          ? { ok: false, error: 'HTTP 502', reply: { httpStatus: 502, body: replies[0]! } }
          : { ok: true, reply: { httpStatus: 200, body: replies[1]! } };
      await rig.worker.runOnce();
      clock.advance(1000);
      await rig.worker.runOnce();
      clock.advance(1000);
      await rig.worker.runOnce();
      const attempts = await attemptsOf(id);
      expect(attempts.map((a) => [a.attempt, a.succeeded, a.httpStatus, a.error])).to.deep.equal([
        [1, false, 502, 'HTTP 502'],
        [2, true, 200, null],
      ]);
      // 1 KiB of a two-byte character: 512 of them, never half of one.
      expect(attempts[0]!.responseExcerpt).to.equal('é'.repeat(512));
      expect(attempts[1]!.responseExcerpt).to.equal('{"retcode":0}');
      expect(attempts[0]!.startedAt.getTime()).to.equal(new Date('2026-11-23T09:00:00.250Z').getTime());
      expect(attempts[1]!.startedAt.getTime()).to.equal(new Date('2026-11-23T09:00:01.250Z').getTime());
    });

    it('records an attempt without a reply (timeout, refused) with a null HTTP status and reply', async () => {
      const id = await enqueue('u1');
      handler.answer = () => ({ ok: false, error: 'no reply within 500 ms' });
      await rig.worker.runOnce();
      const [attempt] = await attemptsOf(id);
      expect(attempt).to.include({ attempt: 1, httpStatus: null, responseExcerpt: null, error: 'no reply within 500 ms', succeeded: false });
    });

    it('logs no attempt for a worker whose lease was taken over; the new holder logs its own', async () => {
      const id = await enqueue('u1');
      const request = { leaseMs: 1000, topics: ['test.topic'], limit: 10 };
      const [held] = await rig.store.claim({ ...request, now: clock.now(), owner: 'worker-a' });
      clock.advance(1000);
      const [retaken] = await rig.store.claim({ ...request, now: clock.now(), owner: 'worker-b' });
      expect(await markDone(rig.store, held!, clock.now(), record(clock.now()))).to.equal(false);
      expect(await rig.store.markManyDone([held!], clock.now(), new Map([[id, record(clock.now())]]))).to.deep.equal(new Set());
      expect(await attemptsOf(id)).to.deep.equal([]);
      expect(await markDone(rig.store, retaken!, clock.now(), record(clock.now()))).to.equal(true);
      expect((await attemptsOf(id)).map((a) => a.attempt)).to.deep.equal([2]);
    });

    it('writes the attempt in the transaction that records the outcome: no log, no outcome', async () => {
      const id = await enqueue('u1');
      const [claim] = await rig.store.claim({ owner: 'worker-a', now: clock.now(), leaseMs: 30_000, topics: ['test.topic'], limit: 1 });
      // The attempt log cannot be written: the outcome must not be either.
      await rig.database.sequelize.query('DROP TABLE outbox_attempts');
      let failed = false;
      await rig.store.markFailed(claim!, 'boom', clock.now(), { ...record(clock.now()), succeeded: false }).catch(() => (failed = true));
      expect(failed).to.equal(true);
      expect(await rig.operatorQueries.find(id)).to.include({ status: 'PENDING', leaseOwner: 'worker-a', lastError: null });
    });
  });
}
