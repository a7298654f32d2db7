import { expect } from 'chai';
import sinon from 'sinon';
import type { OutboxClaimSetting } from '../../../adapters/persistence/outbox/OutboxClaimMode.js';
import { OutboxWorker } from '../../../adapters/scheduler/OutboxWorker.js';
import type { OutboxHandler } from '../../../core/shared/OutboxHandler.js';
import { ManualClock } from '../../support/ManualClock.js';
import { EXPLICIT_CLAIM_MODES } from '../../support/outbox/claimModes.js';
import { markDone } from '../../support/outbox/markDone.js';
import { buildOutboxRig, type OutboxRig } from '../../support/outbox/outboxTestRig.js';
import { RecordingOutboxHandler } from '../../support/outbox/RecordingOutboxHandler.js';
import { createTestDatabase, DATABASE_KINDS, type DatabaseKind, type TestDatabase } from '../../support/testDatabases.js';
import { waitFor } from '../../support/waitFor.js';

const BACKOFF = [5000, 300000, 1800000];

/** A lease held by `owner`: its name, plus the claim's own token under lease-update. */
const leaseOf = (owner: string) => new RegExp(`^${owner}(/[0-9a-f]{16})?$`);

// SQLite has one claim whatever outbox.claim says; MariaDB runs each explicit mode.
const VARIANTS = DATABASE_KINDS.flatMap((kind): Array<{ kind: DatabaseKind; claim: OutboxClaimSetting }> =>
  kind === 'sqlite' ? [{ kind, claim: 'auto' }] : EXPLICIT_CLAIM_MODES.map((claim) => ({ kind, claim })),
);

for (const { kind, claim } of VARIANTS) {
  describe(`outbox worker (${kind}, outbox.claim ${claim})`, () => {
    let testDatabase: TestDatabase;
    let rig: OutboxRig;
    let clock: ManualClock;
    let handler: RecordingOutboxHandler;

    async function build(handlers: OutboxHandler[] = [handler], settings = {}, random = () => 0.5): Promise<OutboxRig> {
      rig = await buildOutboxRig({ url: testDatabase.url, handlers, clock, random, settings: { backoffMs: BACKOFF, claim, ...settings } });
      return rig;
    }

    const enqueue = (partitionKey: string, payload: Record<string, unknown> = {}, topic = 'test.topic') =>
      rig.unitOfWork.run(() => rig.outbox.enqueue({ topic, partitionKey, payload }));

    beforeEach(async () => {
      testDatabase = await createTestDatabase(kind);
      clock = new ManualClock(new Date('2026-11-23T09:00:00.250Z'));
      handler = new RecordingOutboxHandler('test.topic', 3);
    });

    afterEach(async () => {
      await rig?.close();
      await testDatabase.drop();
    });

    it('stores the message only when its unit of work commits', async () => {
      await build();
      await rig.unitOfWork
        .run(async () => {
          await rig.outbox.enqueue({ topic: 'test.topic', partitionKey: 'u1', payload: { n: 1 } });
          throw new Error('business rule failed');
        })
        .catch(() => undefined);
      const id = await enqueue('u1', { n: 2 });
      expect(id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const listed = await rig.operatorQueries.list({ limit: 10 });
      expect(listed.map((message) => message.id)).to.deep.equal([id]);
      expect(listed[0]).to.include({ status: 'PENDING', attempts: 0, partitionKey: 'u1', topic: 'test.topic' });
    });

    it('delivers with the same id the enqueue returned, payload intact, attempt 1, and marks it DONE', async () => {
      await build();
      const id = await enqueue('u1', { uid: 'u1', nested: { list: [1, 2] } });
      expect(await rig.worker.runOnce()).to.equal(1);
      expect(handler.deliveries).to.deep.equal([
        { id, topic: 'test.topic', partitionKey: 'u1', payload: { uid: 'u1', nested: { list: [1, 2] } }, attempt: 1 },
      ]);
      const stored = await rig.operatorQueries.find(id);
      expect(stored).to.include({ status: 'DONE', attempts: 1, leaseOwner: null });
      expect(stored!.deliveredAt!.getTime()).to.equal(clock.now().getTime());
      expect(await rig.worker.runOnce()).to.equal(0);
    });

    it('wakes the started worker as soon as an enqueuing unit of work commits (no cron tick needed)', async () => {
      await build();
      await rig.worker.start();
      const id = await enqueue('u1');
      await waitFor('the delivery', () => handler.ids().includes(id), 5000);
      await waitFor('the message DONE', async () => (await rig.operatorQueries.find(id))!.status === 'DONE', 5000);
    });

    it('does not deliver before the enqueuing unit of work has committed', async () => {
      await build();
      await rig.worker.start();
      await rig.worker.idle();
      let committed = false;
      const deliveredBeforeCommit: string[] = [];
      handler.answer = (delivery) => {
        if (!committed) deliveredBeforeCommit.push(delivery.id);
        return { ok: true };
      };
      let id = '';
      await rig.unitOfWork.run(async () => {
        id = await rig.outbox.enqueue({ topic: 'test.topic', partitionKey: 'u1', payload: {} });
        rig.worker.wake();
        // MariaDB: the pass this starts claims on a connection of its own and ends finding
        // nothing. SQLite has one writer: that pass waits behind this transaction.
        if (kind === 'mariadb') await rig.worker.idle();
        expect(handler.deliveries).to.deep.equal([]);
      });
      // Set before any I/O callback can run: a delivery needs the database's answer to a claim first.
      committed = true;
      await waitFor('the delivery', () => handler.ids().includes(id), 5000);
      expect(deliveredBeforeCommit).to.deep.equal([]);
    });

    it('delivers a backlog through the cron schedule when nothing wakes the worker', async () => {
      await build([handler], { schedule: '*/1 * * * * *' });
      const id = await enqueue('u1');
      // The message is not yet due when the worker starts, so its start-up pass cannot deliver it.
      clock.advance(-60_000);
      const claims = sinon.spy(rig.store, 'claim');
      await rig.worker.start();
      expect(await claims.firstCall.returnValue).to.deep.equal([]);
      // Due now, and nothing wakes the worker: only a cron tick can claim it.
      clock.advance(60_000);
      await waitFor('the delivery by a cron tick', () => handler.ids().includes(id), 4000);
      expect(claims.callCount).to.be.greaterThan(1);
    });

    it('after failed attempt n waits backoffMs[n-1] with jitter, records the error text, and holds the message until then', async () => {
      await build([handler], {}, () => 1); // jitter at its top: +20 %
      handler.answer = () => ({ ok: false, error: 'HTTP 503' });
      const id = await enqueue('u1');
      await rig.worker.runOnce();
      let stored = (await rig.operatorQueries.find(id))!;
      expect(stored).to.include({ status: 'PENDING', attempts: 1, lastError: 'HTTP 503', leaseOwner: null });
      expect(stored.nextAttemptAt.getTime() - clock.now().getTime()).to.equal(6000);

      clock.advance(5999);
      expect(await rig.worker.runOnce()).to.equal(0);
      clock.advance(1);
      expect(await rig.worker.runOnce()).to.equal(1);
      stored = (await rig.operatorQueries.find(id))!;
      expect(stored.attempts).to.equal(2);
      expect(stored.nextAttemptAt.getTime() - clock.now().getTime()).to.equal(360000);
      expect(handler.deliveries.map((delivery) => delivery.attempt)).to.deep.equal([1, 2]);
    });

    it('spreads the backoff by at most 20 % either way', async () => {
      await build([handler], {}, () => 0);
      handler.answer = () => ({ ok: false, error: 'refused' });
      const id = await enqueue('u1');
      await rig.worker.runOnce();
      const stored = (await rig.operatorQueries.find(id))!;
      expect(stored.nextAttemptAt.getTime() - clock.now().getTime()).to.equal(4000);
    });

    it('repeats the last backoff entry once the list runs out', async () => {
      handler = new RecordingOutboxHandler('test.topic', 10);
      await build([handler], { backoffMs: [1000, 2000] });
      handler.answer = () => ({ ok: false, error: 'down' });
      const id = await enqueue('u1');
      const waits: number[] = [];
      for (let attempt = 1; attempt <= 4; attempt += 1) {
        await rig.worker.runOnce();
        const stored = (await rig.operatorQueries.find(id))!;
        waits.push(stored.nextAttemptAt.getTime() - clock.now().getTime());
        clock.advance(waits.at(-1)!);
      }
      expect(waits).to.deep.equal([1000, 2000, 2000, 2000]);
    });

    it("waits for the receiver's Retry-After when it is longer than the backoff, and not when it is shorter", async () => {
      await build();
      const longId = await enqueue('u1');
      const shortId = await enqueue('u2');
      handler.answer = (delivery) => ({ ok: false, error: 'HTTP 429', retryAfterMs: delivery.id === longId ? 60000 : 1000 });
      await rig.worker.runOnce();
      expect((await rig.operatorQueries.find(longId))!.nextAttemptAt.getTime() - clock.now().getTime()).to.equal(60000);
      expect((await rig.operatorQueries.find(shortId))!.nextAttemptAt.getTime() - clock.now().getTime()).to.equal(5000);
    });

    it("caps a partner's huge Retry-After at the largest backoffMs entry, so the uid's later messages still go out", async () => {
      await build();
      const parkedId = await enqueue('u1', { n: 1 });
      const laterId = await enqueue('u1', { n: 2 });
      handler.answer = (delivery) => (delivery.id === parkedId && delivery.attempt === 1 ? { ok: false, error: 'HTTP 429', retryAfterMs: 999_999_999_000 } : { ok: true });
      await rig.worker.runOnce();
      expect((await rig.operatorQueries.find(parkedId))!.nextAttemptAt.getTime() - clock.now().getTime()).to.equal(Math.max(...BACKOFF));
      clock.advance(Math.max(...BACKOFF));
      await rig.worker.runOnce();
      await rig.worker.runOnce();
      expect((await rig.operatorQueries.find(parkedId))!.status).to.equal('DONE');
      expect((await rig.operatorQueries.find(laterId))!.status).to.equal('DONE');
    });

    it("marks the message FAILED after the handler's maxAttempts attempts and stops trying", async () => {
      handler = new RecordingOutboxHandler('test.topic', 2);
      await build();
      handler.answer = (delivery) => ({ ok: false, error: `attempt ${delivery.attempt} refused` });
      const id = await enqueue('u1');
      await rig.worker.runOnce();
      clock.advance(10000);
      await rig.worker.runOnce();
      const stored = (await rig.operatorQueries.find(id))!;
      expect(stored).to.include({ status: 'FAILED', attempts: 2, lastError: 'attempt 2 refused', leaseOwner: null });
      clock.advance(100_000_000);
      expect(await rig.worker.runOnce()).to.equal(0);
      expect(handler.deliveries).to.have.length(2);
    });

    it('counts a thrown handler error as a failed attempt with its message as the error', async () => {
      await build();
      handler.answer = () => {
        throw new Error('socket hang up');
      };
      const id = await enqueue('u1');
      await rig.worker.runOnce();
      expect(await rig.operatorQueries.find(id)).to.include({ status: 'PENDING', attempts: 1, lastError: 'socket hang up' });
    });

    it('does not send a later message of a partition while an earlier one waits for its retry; other partitions go on', async () => {
      await build();
      const first = await enqueue('u1', { n: 1 });
      const second = await enqueue('u1', { n: 2 });
      const other = await enqueue('u2', { n: 3 });
      handler.answer = (delivery) => (delivery.id === first && delivery.attempt === 1 ? { ok: false, error: 'HTTP 500' } : { ok: true });
      expect(await rig.worker.runOnce()).to.equal(2);
      expect(handler.ids()).to.deep.equal([first, other]);
      expect(await rig.worker.runOnce()).to.equal(0);
      clock.advance(6000);
      await rig.worker.runOnce();
      await rig.worker.runOnce();
      expect(handler.ids()).to.deep.equal([first, other, first, second]);
    });

    it('lets the later messages of a partition go once the earlier one is FAILED', async () => {
      handler = new RecordingOutboxHandler('test.topic', 1);
      await build();
      const first = await enqueue('u1', { n: 1 });
      const second = await enqueue('u1', { n: 2 });
      handler.answer = (delivery) => (delivery.id === first ? { ok: false, error: 'HTTP 404' } : { ok: true });
      await rig.worker.runOnce();
      expect((await rig.operatorQueries.find(first))!.status).to.equal('FAILED');
      await rig.worker.runOnce();
      expect(handler.ids()).to.deep.equal([first, second]);
      expect((await rig.operatorQueries.find(second))!.status).to.equal('DONE');
    });

    it('delivers each partition in enqueue order, one message of a partition per batch', async () => {
      await build();
      const expected = new Map<string, string[]>();
      for (let n = 0; n < 12; n += 1) {
        const key = `u${n % 3}`;
        expected.set(key, [...(expected.get(key) ?? []), await enqueue(key, { n })]);
      }
      const batchSizes: number[] = [];
      for (let round = 0; round < 6; round += 1) batchSizes.push(await rig.worker.runOnce());
      expect(batchSizes).to.deep.equal([3, 3, 3, 3, 0, 0]);
      for (const [key, ids] of expected) {
        expect(handler.deliveries.filter((delivery) => delivery.partitionKey === key).map((delivery) => delivery.id)).to.deep.equal(ids);
      }
    });

    it('claims at most outbox.batchSize messages per round', async () => {
      await build([handler], { batchSize: 4 });
      for (let n = 0; n < 10; n += 1) await enqueue(`u${n}`);
      expect(await rig.worker.runOnce()).to.equal(4);
      expect(await rig.worker.runOnce()).to.equal(4);
      expect(await rig.worker.runOnce()).to.equal(2);
    });

    it('leaves messages of topics without a local handler alone', async () => {
      await build();
      const foreign = await enqueue('u1', {}, 'other.topic');
      expect(await rig.worker.runOnce()).to.equal(0);
      expect((await rig.operatorQueries.find(foreign))!.status).to.equal('PENDING');
    });

    it('never hands a leased message to a second claimer until the lease expires, then retries it with the same id', async () => {
      await build([handler], { leaseMs: 30000 });
      const id = await enqueue('u1');
      const request = { now: clock.now(), leaseMs: 30000, topics: ['test.topic'], limit: 10 };
      const [held] = await rig.store.claim({ ...request, owner: 'worker-a' });
      expect(held).to.include({ id, attempt: 1 });
      expect(held!.leaseOwner).to.match(leaseOf('worker-a'));
      expect(await rig.store.claim({ ...request, owner: 'worker-b' })).to.deep.equal([]);
      expect(await rig.store.claim({ ...request, now: new Date(clock.now().getTime() + 29999), owner: 'worker-b' })).to.deep.equal([]);
      const [retaken] = await rig.store.claim({ ...request, now: new Date(clock.now().getTime() + 30000), owner: 'worker-b' });
      expect(retaken).to.include({ id, attempt: 2 });
      expect(retaken!.leaseOwner).to.match(leaseOf('worker-b'));
      // The crashed-then-revived first holder can no longer record an outcome.
      expect(await markDone(rig.store, held!, clock.now())).to.equal(false);
      expect(await markDone(rig.store, retaken!, clock.now())).to.equal(true);
      expect((await rig.operatorQueries.find(id))!.status).to.equal('DONE');
    });

    it('records many deliveries DONE in one statement, skipping any whose lease another worker took', async () => {
      await build([handler], { leaseMs: 1000 });
      const kept = await enqueue('u1');
      const lost = await enqueue('u2');
      const request = { leaseMs: 1000, topics: ['test.topic'], limit: 10 };
      const held = await rig.store.claim({ ...request, now: clock.now(), owner: 'worker-a' });
      const heldLost = held.find((message) => message.id === lost)!;
      // worker-a's lease on u2 is renewed by nobody; worker-b takes it once it expires.
      clock.advance(1000);
      await markDone(rig.store, held.find((message) => message.id === kept)!, clock.now()).then(() => undefined);
      const [taken] = await rig.store.claim({ ...request, now: clock.now(), owner: 'worker-b' });
      expect(taken!.id).to.equal(lost);
      const recorded = await enqueue('u3');
      const [third] = await rig.store.claim({ ...request, now: clock.now(), owner: 'worker-a' });
      expect(third!.id).to.equal(recorded);
      const done = await rig.store.markManyDone([heldLost, third!], clock.now());
      expect([...done]).to.deep.equal([recorded]);
      const lostRow = await rig.operatorQueries.find(lost);
      expect(lostRow).to.include({ status: 'PENDING', attempts: 2 });
      expect(lostRow!.leaseOwner).to.match(leaseOf('worker-b'));
      expect(await rig.operatorQueries.find(recorded)).to.include({ status: 'DONE', leaseOwner: null });
    });

    it('retries the message of a worker that died holding the lease, with the same id', async () => {
      await build([handler], { leaseMs: 1000 });
      const id = await enqueue('u1');
      await rig.store.claim({ owner: 'dead-worker', now: clock.now(), leaseMs: 1000, topics: ['test.topic'], limit: 10 });
      expect(await rig.worker.runOnce()).to.equal(0);
      clock.advance(1000);
      expect(await rig.worker.runOnce()).to.equal(1);
      expect(handler.deliveries).to.deep.equal([{ id, topic: 'test.topic', partitionKey: 'u1', payload: {}, attempt: 2 }]);
    });

    it('gives up with FAILED when the last allowed attempt died with its worker', async () => {
      handler = new RecordingOutboxHandler('test.topic', 1);
      await build([handler], { leaseMs: 1000 });
      const id = await enqueue('u1');
      await rig.store.claim({ owner: 'dead-worker', now: clock.now(), leaseMs: 1000, topics: ['test.topic'], limit: 10 });
      clock.advance(1000);
      await rig.worker.runOnce();
      expect(handler.deliveries).to.deep.equal([]);
      expect(await rig.operatorQueries.find(id)).to.include({ status: 'FAILED', lastError: 'lease expired during the last attempt' });
    });

    it('keeps delivering other partitions while one delivery hangs', async () => {
      await build();
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      handler.answer = async (delivery) => {
        if (delivery.partitionKey === 'slow') await released;
        return { ok: true };
      };
      await rig.worker.start();
      const slow = await enqueue('slow');
      try {
        await waitFor('the slow delivery', () => handler.ids().includes(slow), 5000);
        const fast = [await enqueue('u1'), await enqueue('u2'), await enqueue('u1')];
        await waitFor('the other partitions\' deliveries', () => fast.every((id) => handler.ids().includes(id)), 5000);
        expect((await rig.operatorQueries.find(slow))!.status).to.equal('PENDING');
      } finally {
        release();
      }
      await waitFor('the slow message DONE', async () => (await rig.operatorQueries.find(slow))!.status === 'DONE', 5000);
    });

    it('never has more than outbox.batchSize deliveries in flight', async () => {
      await build([handler], { batchSize: 4 });
      let inFlight = 0;
      let most = 0;
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      handler.answer = async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await released;
        inFlight -= 1;
        return { ok: true };
      };
      for (let n = 0; n < 10; n += 1) await enqueue(`u${n}`);
      await rig.worker.start();
      try {
        await waitFor('4 deliveries', () => handler.deliveries.length === 4, 5000);
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(handler.deliveries).to.have.length(4);
      } finally {
        release();
      }
      await waitFor('10 deliveries', () => handler.deliveries.length === 10, 5000);
      expect(most).to.equal(4);
    });

    it('stop() waits for the deliveries in flight and records them before returning', async () => {
      await build();
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      handler.answer = async () => {
        await released;
        return { ok: true };
      };
      await rig.worker.start();
      const id = await enqueue('u1');
      await waitFor('1 delivery', () => handler.deliveries.length === 1, 5000);
      let stopped = false;
      const stopping = rig.worker.stop().then(() => (stopped = true));
      // Stopping while a delivery is held touches no database: a stop that did not wait for
      // it would have settled once everything runnable has run.
      await new Promise((resolve) => setImmediate(resolve));
      expect(stopped).to.equal(false);
      release();
      await stopping;
      expect((await rig.operatorQueries.find(id))!.status).to.equal('DONE');
      // Stopped: a new commit no longer wakes it (a pass it started would be awaited here).
      await enqueue('u2');
      await rig.worker.idle();
      expect(handler.deliveries).to.have.length(1);
    });

    it('exposes pending and failed counts, attempts by outcome and delivery latency on the metrics registry', async () => {
      handler = new RecordingOutboxHandler('test.topic', 1);
      await build();
      await enqueue('u1');
      await enqueue('u2');
      await enqueue('u3');
      handler.answer = (delivery) => (delivery.partitionKey === 'u2' ? { ok: false, error: 'no' } : { ok: true });
      clock.advance(250);
      await rig.worker.runOnce();
      await enqueue('u4');
      const text = await rig.registry.metrics();
      expect(text).to.include('midplat_outbox_messages{status="pending"} 1');
      expect(text).to.include('midplat_outbox_messages{status="failed"} 1');
      expect(text).to.include('midplat_outbox_delivery_attempts_total{topic="test.topic",outcome="delivered"} 2');
      expect(text).to.include('midplat_outbox_delivery_attempts_total{topic="test.topic",outcome="failed"} 1');
      expect(text).to.include('midplat_outbox_delivery_latency_seconds_count{topic="test.topic"} 2');
      expect(text).to.include('midplat_outbox_delivery_latency_seconds_sum{topic="test.topic"} 0.5');
    });

    it('exposes the age of the oldest PENDING message, 0 when none is pending', async () => {
      handler = new RecordingOutboxHandler('test.topic', 1);
      await build();
      const age = async () => Number(/^midplat_outbox_oldest_pending_age_seconds (\S+)$/m.exec(await rig.registry.metrics())?.[1]);
      expect(await age()).to.equal(0);
      await enqueue('u1');
      clock.advance(90000);
      await enqueue('u2');
      expect(await age()).to.equal(90);
      await rig.worker.runOnce();
      expect(await age()).to.equal(0);
    });

    it('refuses two handlers for one topic', async () => {
      await build([handler, new RecordingOutboxHandler('test.topic', 3)]).then(
        () => expect.fail('built'),
        (error: Error) => expect(error.message).to.match(/two OutboxHandlers for topic test\.topic/),
      );
      rig = undefined as unknown as OutboxRig;
    });

    it('refuses an invalid cron expression at start', async () => {
      await build([handler], { schedule: 'every second' });
      await rig.worker.start().then(
        () => expect.fail('started'),
        (error: Error) => expect(error.message).to.match(/outbox\.schedule/),
      );
    });

    it('is the OutboxWorker the container gives', async () => {
      await build();
      expect(rig.container.get(OutboxWorker)).to.equal(rig.worker);
    });
  });
}
