import { expect } from 'chai';
import { Registry } from 'prom-client';
import { createLogger } from '../../../adapters/logging/Logger.js';
import { OutboxMetrics } from '../../../adapters/scheduler/OutboxMetrics.js';
import type { OutboxSettings } from '../../../adapters/scheduler/OutboxSettings.js';
import { OutboxWorker } from '../../../adapters/scheduler/OutboxWorker.js';
import type { DeliveryResult, OutboxDelivery } from '../../../core/shared/OutboxHandler.js';
import { InMemoryOutboxConsoleStore } from '../../support/InMemoryOutboxConsoleStore.js';
import { InMemoryOutboxStore } from '../../support/InMemoryOutboxStore.js';
import { ManualClock } from '../../support/ManualClock.js';
import { RecordingOutboxHandler } from '../../support/outbox/RecordingOutboxHandler.js';

const TOPIC = 'test.topic';
const QUIET = '0 0 1 1 *';

/** A promise the test settles itself. */
function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => (resolve = settle));
  return { promise, resolve };
}

/** Settles once everything runnable has run: the in-memory store does no I/O, so nothing is left pending but what waits on the test. */
const runnableWorkDone = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The worker's decisions on the in-memory store and a manual clock: no database, no sleep.
 * (The database tests, test/integration/outbox/, prove the SQL under the same port.)
 */
describe('OutboxWorker on an in-memory store', () => {
  let clock: ManualClock;
  let store: InMemoryOutboxStore;
  let handler: RecordingOutboxHandler;
  let registry: Registry;
  let worker: OutboxWorker;

  function build(settings: Partial<OutboxSettings> = {}, random = () => 0.5): OutboxWorker {
    registry = new Registry();
    const logger = createLogger('silent');
    const all: OutboxSettings = { schedule: QUIET, batchSize: 10, leaseMs: 30_000, backoffMs: [5000, 300000], retentionDays: 30, purgeSchedule: QUIET, purgeBatchSize: 100, ...settings };
    worker = new OutboxWorker(all, store, clock, logger, new OutboxMetrics(registry, store, logger, new InMemoryOutboxConsoleStore(), clock), [handler], random);
    return worker;
  }

  const add = (partitionKey: string) => store.add({ topic: TOPIC, partitionKey, payload: { partitionKey } }, clock.now());

  /** Resolves once the handler has been called `count` times in all. */
  function deliveriesReach(count: number, answer: (delivery: OutboxDelivery) => Promise<DeliveryResult> | DeliveryResult): Promise<void> {
    const reached = deferred();
    handler.answer = (delivery) => {
      if (handler.deliveries.length >= count) reached.resolve();
      return answer(delivery);
    };
    return reached.promise;
  }

  beforeEach(() => {
    clock = new ManualClock(new Date('2026-11-23T09:00:00.000Z'));
    store = new InMemoryOutboxStore();
    handler = new RecordingOutboxHandler(TOPIC, 3);
  });

  afterEach(async () => {
    await worker?.stop();
  });

  it('delivers a due message as attempt 1 and records it DONE with its attempt', async () => {
    build();
    const id = add('u1');
    clock.advance(250);
    expect(await worker.runOnce()).to.equal(1);
    expect(handler.deliveries).to.deep.equal([{ id, topic: TOPIC, partitionKey: 'u1', payload: { partitionKey: 'u1' }, attempt: 1 }]);
    expect(store.row(id)).to.include({ status: 'DONE', attempts: 1, leaseOwner: null });
    expect(store.row(id).deliveredAt).to.deep.equal(clock.now());
    expect(store.attemptLog.map((entry) => [entry.messageId, entry.attempt, entry.succeeded])).to.deep.equal([[id, 1, true]]);
    expect(await registry.metrics()).to.include('midplat_outbox_delivery_latency_seconds_sum{topic="test.topic"} 0.25');
  });

  it('waits backoffMs[n-1] with jitter after failed attempt n, then tries again', async () => {
    build({}, () => 1); // jitter at its top: +20 %
    handler.answer = () => ({ ok: false, error: 'HTTP 503' });
    const id = add('u1');
    await worker.runOnce();
    expect(store.row(id)).to.include({ status: 'PENDING', attempts: 1, lastError: 'HTTP 503' });
    expect(store.row(id).nextAttemptAt.getTime() - clock.now().getTime()).to.equal(6000);
    clock.advance(5999);
    expect(await worker.runOnce()).to.equal(0);
    clock.advance(1);
    expect(await worker.runOnce()).to.equal(1);
    expect(handler.deliveries.map((delivery) => delivery.attempt)).to.deep.equal([1, 2]);
  });

  it('ends FAILED after maxAttempts, counted as failed', async () => {
    handler = new RecordingOutboxHandler(TOPIC, 2);
    build();
    handler.answer = () => ({ ok: false, error: 'retcode 1' });
    const id = add('u1');
    await worker.runOnce();
    clock.advance(5000);
    await worker.runOnce();
    expect(store.row(id)).to.include({ status: 'FAILED', attempts: 2, lastError: 'retcode 1' });
    expect(await registry.metrics()).to.include('midplat_outbox_delivery_attempts_total{topic="test.topic",outcome="failed"} 1');
    expect(await registry.metrics()).to.include('midplat_outbox_messages{status="failed"} 1');
  });

  it('holds a partition behind its retrying head while other partitions go on', async () => {
    build();
    const first = add('u1');
    const second = add('u1');
    const other = add('u2');
    handler.answer = (delivery) => (delivery.id === first && delivery.attempt === 1 ? { ok: false, error: 'no' } : { ok: true });
    await worker.runOnce();
    expect(handler.ids()).to.deep.equal([first, other]);
    clock.advance(5000);
    await worker.runOnce();
    await worker.runOnce();
    expect(handler.ids()).to.deep.equal([first, other, first, second]);
  });

  it('writes DONE for the deliveries that finish during one write together in the next, each told its own outcome', async () => {
    build();
    const ids = ['u1', 'u2', 'u3', 'u4'].map(add);
    const gates = new Map(ids.map((id) => [id, deferred<DeliveryResult>()]));
    handler.answer = (delivery) => gates.get(delivery.id)!.promise;
    const round = worker.runOnce();
    const hold = store.holdDoneWrites();
    gates.get(ids[0]!)!.resolve({ ok: true });
    await hold.held;
    // The first write is under way; the other three deliveries finish meanwhile.
    for (const id of ids.slice(1)) gates.get(id)!.resolve({ ok: true });
    await runnableWorkDone();
    // Another worker takes u3's message over before the second write.
    store.row(ids[2]!).leaseOwner = 'another-worker';
    hold.release();
    await round;
    expect(store.doneWrites).to.deep.equal([[ids[0]], ids.slice(1)]);
    expect(ids.map((id) => store.row(id).status)).to.deep.equal(['DONE', 'DONE', 'PENDING', 'DONE']);
    expect(await registry.metrics()).to.include('midplat_outbox_delivery_attempts_total{topic="test.topic",outcome="delivered"} 3');
  });

  it('keeps at most batchSize deliveries in flight, claiming more as they finish', async () => {
    build({ batchSize: 2 });
    const ids = ['u1', 'u2', 'u3', 'u4', 'u5'].map(add);
    const held = deferred<DeliveryResult>();
    const twoStarted = deliveriesReach(2, () => held.promise);
    await worker.start();
    await twoStarted;
    worker.wake();
    await runnableWorkDone();
    expect(handler.deliveries).to.have.length(2);
    expect(store.rows.filter((row) => row.attempts > 0)).to.have.length(2);
    const allStarted = deliveriesReach(5, () => ({ ok: true }));
    held.resolve({ ok: true });
    await allStarted;
    await worker.idle();
    expect(ids.map((id) => store.row(id).status)).to.deep.equal(['DONE', 'DONE', 'DONE', 'DONE', 'DONE']);
  });

  it('stop() waits for the delivery in flight and records it; a stopped worker ignores wake-ups', async () => {
    build();
    const id = add('u1');
    const held = deferred<DeliveryResult>();
    const started = deliveriesReach(1, () => held.promise);
    await worker.start();
    await started;
    let stopped = false;
    const stopping = worker.stop().then(() => (stopped = true));
    await runnableWorkDone();
    expect(stopped).to.equal(false);
    held.resolve({ ok: true });
    await stopping;
    expect(store.row(id).status).to.equal('DONE');
    add('u2');
    worker.wake();
    await worker.idle();
    expect(handler.deliveries).to.have.length(1);
  });
});
