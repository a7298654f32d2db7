import { expect } from 'chai';
import type { ClaimedMessage } from '../../../core/shared/OutboxStore.js';
import { EXPLICIT_CLAIM_MODES } from '../../support/outbox/claimModes.js';
import { buildOutboxRig, type OutboxRig } from '../../support/outbox/outboxTestRig.js';
import { createTestDatabase, type TestDatabase } from '../../support/testDatabases.js';

for (const claim of EXPLICIT_CLAIM_MODES) describe(`outbox claims racing on one MariaDB (outbox.claim ${claim})`, function () {
  this.timeout(60_000);
  let testDatabase: TestDatabase;
  let rigs: OutboxRig[] = [];

  beforeEach(async () => {
    testDatabase = await createTestDatabase('mariadb');
    // Three separate connection pools, as three processes would have.
    for (let i = 0; i < 3; i += 1) rigs.push(await buildOutboxRig({ url: testDatabase.url, handlers: [], settings: { claim } }));
  });

  afterEach(async () => {
    for (const rig of rigs) await rig.close();
    rigs = [];
    await testDatabase.drop();
  });

  it('never gives one message to two claimers, while enqueues commit alongside, and keeps each key in order', async () => {
    const [enqueuer] = rigs;
    const total = 600;
    const enqueued = new Map<string, string[]>();
    const enqueuing = (async () => {
      for (let start = 0; start < total; start += 50) {
        await enqueuer!.unitOfWork.run(async () => {
          for (let n = start; n < start + 50; n += 1) {
            const key = `k${n % 60}`;
            const id = await enqueuer!.outbox.enqueue({ topic: 't', partitionKey: key, payload: {} });
            enqueued.set(key, [...(enqueued.get(key) ?? []), id]);
          }
        });
      }
    })();
    const claimedBy = new Map<string, string>();
    const doubleClaims: string[] = [];
    const doneOrder = new Map<string, string[]>();
    let enqueueDone = false;
    void enqueuing.then(() => (enqueueDone = true));
    // A message no claimer can ever get must fail the test with a reason, not spin until mocha's timeout.
    const deadline = Date.now() + 40_000;
    await Promise.all(
      rigs.map(async (rig, index) => {
        const owner = `claimer-${index}`;
        for (;;) {
          const batch: ClaimedMessage[] = await rig.store.claim({ owner, now: new Date(), leaseMs: 60_000, topics: ['t'], limit: 20 });
          if (batch.length === 0) {
            if (enqueueDone && claimedBy.size >= total) return;
            if (Date.now() > deadline) throw new Error(`${owner}: ${claimedBy.size} of ${total} messages claimed after 40 s (enqueuing ${enqueueDone ? 'done' : 'still running'})`);
            await new Promise((resolve) => setTimeout(resolve, 10));
            continue;
          }
          for (const message of batch) {
            if (claimedBy.has(message.id)) doubleClaims.push(message.id);
            claimedBy.set(message.id, owner);
            doneOrder.set(message.partitionKey, [...(doneOrder.get(message.partitionKey) ?? []), message.id]);
          }
          const done = await rig.store.markManyDone(batch, new Date());
          expect(done.size).to.equal(batch.length);
        }
      }),
    );
    await enqueuing;
    expect(doubleClaims).to.deep.equal([]);
    expect(claimedBy.size).to.equal(total);
    expect(new Set(claimedBy.values()).size).to.be.at.least(2);
    expect(doneOrder).to.deep.equal(enqueued);
    expect(await rigs[0]!.store.claimMode()).to.equal(claim);
  });
});
