import { expect } from 'chai';
import { DeliveryReceiver, type ReceivedDelivery } from '../../support/outbox/DeliveryReceiver.js';
import { buildOutboxRig, type OutboxRig } from '../../support/outbox/outboxTestRig.js';
import { EXPLICIT_CLAIM_MODES } from '../../support/outbox/claimModes.js';
import { spawnOutboxWorker, type WorkerProcess } from '../../support/outbox/spawnOutboxWorker.js';
import { createTestDatabase, type TestDatabase } from '../../support/testDatabases.js';

interface Enqueued {
  readonly id: string;
  readonly key: string;
  readonly n: number;
}

/** First arrival of each id, grouped by partition key, in arrival order. */
function firstArrivalsByKey(deliveries: ReceivedDelivery[]): Map<string, string[]> {
  const seen = new Set<string>();
  const byKey = new Map<string, string[]>();
  for (const delivery of [...deliveries].sort((a, b) => a.startedAt - b.startedAt)) {
    if (seen.has(delivery.id)) continue;
    seen.add(delivery.id);
    const key = String(delivery.body.key);
    byKey.set(key, [...(byKey.get(key) ?? []), delivery.id]);
  }
  return byKey;
}

function idsByKey(enqueued: Enqueued[]): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const message of enqueued) byKey.set(message.key, [...(byKey.get(message.key) ?? []), message.id]);
  return byKey;
}

/**
 * Longer than any phase may last (its deadline): no lease of these workers runs out and no
 * request of theirs times out meanwhile, so nothing entitles a message to a second delivery
 * (at-least-once redelivers only after one of those). A repeat is then a fault.
 */
const NEVER_WITHIN_A_PHASE_MS = '300000';
/** The victim's lease in the kill -9 phase: what the survivors wait out before taking its messages over. */
const VICTIM_LEASE_MS = '8000';

for (const claim of EXPLICIT_CLAIM_MODES) describe(`outbox workers in several processes on one MariaDB (outbox.claim ${claim})`, function () {
  this.timeout(90_000);
  let testDatabase: TestDatabase;
  let receiver: DeliveryReceiver;
  let rig: OutboxRig;
  let receiverUrl: string;
  const workers: WorkerProcess[] = [];
  const enqueued: Enqueued[] = [];

  /** Enqueues `count` messages round-robin over `keys` partition keys, 100 per unit of work. */
  async function enqueue(count: number, keys: number, keyPrefix: string): Promise<void> {
    for (let start = 0; start < count; start += 100) {
      const batch = await rig.unitOfWork.run(async () => {
        const made: Enqueued[] = [];
        for (let n = start; n < Math.min(start + 100, count); n += 1) {
          const key = `${keyPrefix}${n % keys}`;
          const id = await rig.outbox.enqueue({ topic: 'test.http', partitionKey: key, payload: { key, n: `${keyPrefix}${n}` } });
          made.push({ id, key, n });
        }
        return made;
      });
      enqueued.push(...batch);
    }
  }

  /** Worker processes with this lease (their requests time out no sooner than any phase ends). */
  async function spawnWorkers(names: string[], leaseMs: string): Promise<WorkerProcess[]> {
    const env = {
      OUTBOX_DB_URL: testDatabase.url,
      OUTBOX_RECEIVER_URL: receiverUrl,
      OUTBOX_LEASE_MS: leaseMs,
      OUTBOX_HTTP_TIMEOUT_MS: NEVER_WITHIN_A_PHASE_MS,
      OUTBOX_BATCH_SIZE: '50',
      OUTBOX_CLAIM: claim,
    };
    const spawned = await Promise.all(names.map((name) => spawnOutboxWorker(name, env)));
    workers.push(...spawned);
    return spawned;
  }

  before(async () => {
    testDatabase = await createTestDatabase('mariadb');
    receiver = new DeliveryReceiver();
    receiverUrl = await receiver.start();
    // The test process only enqueues: it has no handler, so its worker never claims.
    rig = await buildOutboxRig({ url: testDatabase.url, handlers: [] });
  });

  after(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await rig?.close();
    await receiver?.stop();
    await testDatabase?.drop();
  });

  it('delivers 2,000 messages over 200 keys exactly once each, never twice at the same time, in order per key', async () => {
    // Leases and request timeouts outlast the phase: exactly once is what the mechanism promises here.
    const group = await spawnWorkers(['worker-1', 'worker-2', 'worker-3'], NEVER_WITHIN_A_PHASE_MS);
    await enqueue(2000, 200, 'a');
    await receiver.until(() => receiver.distinctIds().size >= 2000, 60_000);
    await receiver.until(() => receiver.inFlight().length === 0, 5_000);

    expect(new Set(receiver.distinctIds())).to.deep.equal(new Set(enqueued.map((message) => message.id)));
    expect(receiver.overlappingIds()).to.deep.equal([]);
    expect(receiver.deliveries).to.have.length(2000);
    const expectedBody = new Map(enqueued.map((message) => [message.id, { key: message.key, n: `a${message.n}` }]));
    for (const delivery of receiver.deliveries) expect(delivery.body).to.deep.equal(expectedBody.get(delivery.id));
    expect(firstArrivalsByKey(receiver.deliveries)).to.deep.equal(idsByKey(enqueued));
    // The work really was shared between the processes.
    expect(new Set(receiver.deliveries.map((delivery) => delivery.worker)).size).to.be.at.least(2);
    await Promise.all(group.map((worker) => worker.stop()));
  });

  it('still delivers every message when a worker is killed (-9) mid-batch; only its in-flight ids come twice', async () => {
    const before = receiver.deliveries.length;
    const phaseOne = enqueued.length;
    receiver.delayMs = 20;
    // The victim starts alone, so it surely claims; its requests get no answer, so it is
    // surely mid-batch when killed, and no one else can take its messages before it dies.
    receiver.holdWorker = 'victim';
    const [victim] = await spawnWorkers(['victim'], VICTIM_LEASE_MS);
    // Killed as soon as it holds a delivery, while enqueuing goes on; then the survivors
    // start, with leases that outlast the phase: only the victim's lease can run out.
    const takenOver = receiver
      .until(() => receiver.deliveries.some((delivery) => delivery.worker === 'victim'), 30_000)
      .then(async () => {
        await victim!.kill();
        await spawnWorkers(['survivor-1', 'survivor-2'], NEVER_WITHIN_A_PHASE_MS);
      });
    await enqueue(1000, 100, 'b');
    await takenOver;
    const phaseTwo = enqueued.slice(phaseOne);

    // Delivered means answered to a live worker: what the victim held never was, so its ids
    // count only once a survivor has taken them over after its lease ran out.
    await receiver.until(() => {
      const delivered = new Set(receiver.deliveries.filter((delivery) => delivery.worker !== victim!.name).map((delivery) => delivery.id));
      return phaseTwo.every((message) => delivered.has(message.id));
    }, 60_000);
    await receiver.until(() => receiver.inFlight().length === 0, 5_000);
    const deliveries = receiver.deliveries.slice(before);

    expect(new Set(deliveries.map((delivery) => delivery.id))).to.deep.equal(new Set(phaseTwo.map((message) => message.id)));
    expect(receiver.overlappingIds()).to.deep.equal([]);
    const expectedBody = new Map(phaseTwo.map((message) => [message.id, { key: message.key, n: `b${message.n}` }]));
    for (const delivery of deliveries) expect(delivery.body).to.deep.equal(expectedBody.get(delivery.id));
    expect(firstArrivalsByKey(deliveries)).to.deep.equal(idsByKey(phaseTwo));
    // A second delivery happens only to a message the killed worker was delivering, and once.
    const count = new Map<string, number>();
    for (const delivery of deliveries) count.set(delivery.id, (count.get(delivery.id) ?? 0) + 1);
    const victimIds = new Set(deliveries.filter((delivery) => delivery.worker === victim!.name).map((delivery) => delivery.id));
    const repeated = [...count].filter(([, times]) => times > 1).map(([id]) => id);
    for (const id of repeated) expect(victimIds.has(id), `repeated ${id}`).to.equal(true);
    for (const id of repeated) expect(count.get(id), `delivered ${id}`).to.equal(2);
    expect(repeated.length).to.be.greaterThan(0);
  });
});
