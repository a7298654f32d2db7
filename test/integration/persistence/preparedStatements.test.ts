import { expect } from 'chai';
import { SequelizeProcessedKycEventRetention } from '../../../adapters/persistence/kyc-change-notifier/SequelizeProcessedKycEventRetention.js';
import { outboxPersistenceModule } from '../../../adapters/persistence/outbox/outboxPersistenceModule.js';
import { insertOutboxMessage } from '../../../adapters/persistence/outbox/insertOutboxMessage.js';
import { SequelizeOutboxOperatorQueries } from '../../../adapters/persistence/outbox/SequelizeOutboxOperatorQueries.js';
import { SequelizeOutboxStore } from '../../../adapters/persistence/outbox/SequelizeOutboxStore.js';
import { selectRows } from '../../../adapters/persistence/selectRows.js';
import { SequelizeEddaCheckRepository } from '../../../adapters/persistence/upgrade-account/SequelizeEddaCheckRepository.js';
import type { ClaimedMessage } from '../../../core/shared/OutboxStore.js';
import { RetentionPurger } from '../../../core/shared/RetentionPurger.js';
import type { EddaCheck } from '../../../core/upgrade-account/ports.js';
import { silentLoggerModule } from '../../support/silentLoggerModule.js';
import { createMigratedDatabase, type MigratedDatabase } from '../../support/migratedDatabase.js';
import { openStatements, preparesSince, serverPreparedStatements } from '../../support/serverPreparedStatements.js';

const POOL_MAX = 3;
/**
 * Each statement text this workload can take (some seventy, lists padded to powers of two)
 * is prepared at most once per connection (2 × POOL_MAX of them, each holding a fraction of
 * the texts); the code before the fix left one more for nearly every id set: thousands.
 */
const OPEN_STATEMENTS_BOUND = 150;
/** A second pass finds a few shapes of padded lists some connection had not run yet, not one per id set. */
const SECOND_PASS_PREPARES_BOUND = 60;

/** A small deterministic generator, so a failure replays the same id sets. */
function randomSource(seed: number): (below: number) => number {
  let state = seed;
  return (below) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % below;
  };
}

/**
 * Issue 20.0: mysql2 prepares every distinct SQL text on the server, and Sequelize's
 * `Model.update` writes a `where` list into the text, so each new id set was one more
 * server-side statement until the server's shared `max_prepared_stmt_count` refused all.
 */
describe('server-side prepared statements stay few under varying id sets (MariaDB)', function () {
  this.timeout(600_000);
  let scratch: MigratedDatabase;

  beforeEach(async () => {
    scratch = await createMigratedDatabase('mariadb', POOL_MAX);
  });

  afterEach(async () => {
    await scratch.close();
  });

  it('after thousands of claims, done-marks, retries, purges and reads by id sets', async () => {
    const { database } = scratch;
    const container = scratch.container(outboxPersistenceModule('auto'), silentLoggerModule);
    const store = container.get(SequelizeOutboxStore);
    const operatorQueries = container.get(SequelizeOutboxOperatorQueries);
    const outboxPurger = container.getAll<RetentionPurger>(RetentionPurger).find((purger) => purger.name === 'outbox')!;
    const eventPurger = new SequelizeProcessedKycEventRetention(database);
    const checks = new SequelizeEddaCheckRepository(database);
    const random = randomSource(20);
    const start = new Date('2026-01-01T00:00:00.000Z');
    let clock = start.getTime();
    const now = () => new Date((clock += 1));
    const owner = 'prepared-statements-test';
    let operations = 0;

    for (let n = 0; n < 1500; n += 1) {
      await insertOutboxMessage(database, `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`, { topic: `t${n % 2}`, partitionKey: `k${n % 300}`, payload: { n } }, now());
    }

    /** One round: a claim of a random size, its messages done (together or one by one), rescheduled or failed. */
    const round = async () => {
      const claimed = await store.claim({ owner, now: now(), leaseMs: 60_000, topics: random(3) === 0 ? ['t0'] : ['t0', 't1'], limit: 1 + random(60) });
      const done: ClaimedMessage[] = [];
      for (const message of claimed) {
        const fate = random(10);
        if (fate < 6) done.push(message);
        else if (fate < 8) await store.reschedule(message, new Date(clock), 'try again', now());
        else await store.markFailed(message, 'gave up', now());
      }
      const attempt = { startedAt: now(), durationMs: 1, succeeded: true, httpStatus: 200, response: 'ok', error: null };
      await store.markManyDone(done, now(), new Map(done.map((message) => [message.id, attempt])));
      // A late completion whose lease is gone: the rare path that reads back which rows were kept.
      if (done.length > 1 && random(4) === 0) await store.markManyDone(done, now());
      operations += claimed.length + 2;
    };

    /** Reads and writes by id sets of every size, on both pools. */
    const byIdSets = async () => {
      const seqs = Array.from({ length: 1 + random(200) }, () => 1 + random(1500));
      await selectRows(database, 'SELECT id FROM outbox_messages WHERE seq IN (?)', [seqs]);
      await database.inTransaction(() => selectRows(database, 'SELECT seq FROM outbox_messages WHERE seq IN (?)', [seqs]));
      await checks.releaseClaims(seqs.slice(0, 1 + random(40)).map((id) => ({ id }) as EddaCheck));
      await operatorQueries.retry(`00000000-0000-7000-8000-${String(random(1500)).padStart(12, '0')}`, now());
      if (random(5) === 0) await operatorQueries.retryFailed({ topic: `t${random(2)}` }, now());
      await outboxPurger.purgeBatch(new Date(clock - random(2000)), 1 + random(20));
      await eventPurger.purgeBatch(now(), 1 + random(20));
      operations += 7;
    };

    const phase = async (rounds: number) => {
      for (let n = 0; n < rounds; n += 1) {
        await round();
        await byIdSets();
      }
    };

    await phase(300);
    const afterFirst = await serverPreparedStatements(database, POOL_MAX);
    await phase(300);
    const afterSecond = await serverPreparedStatements(database, POOL_MAX);

    expect(operations, 'the workload ran').to.be.greaterThan(3000);
    // The first line: statements take a bounded set of texts, so a second pass prepares few.
    expect(preparesSince(afterFirst, afterSecond), 'statements prepared during the second pass').to.be.at.most(SECOND_PASS_PREPARES_BOUND);
    // The server's count attributable to this process stays small.
    expect(openStatements(afterFirst), 'statements open after the first pass').to.be.at.most(OPEN_STATEMENTS_BOUND);
    expect(openStatements(afterSecond), 'statements open after the second pass').to.be.at.most(OPEN_STATEMENTS_BOUND);
  });
});
