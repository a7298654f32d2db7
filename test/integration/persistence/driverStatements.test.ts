import { expect } from 'chai';
import type { Database } from '../../../adapters/persistence/Database.js';
import { runStatement, selectRows } from '../../../adapters/persistence/selectRows.js';
import { SequelizeUnitOfWork } from '../../../adapters/persistence/SequelizeUnitOfWork.js';
import { DATABASE_KINDS } from '../../support/testDatabases.js';
import { createMigratedDatabase, type MigratedDatabase } from '../../support/migratedDatabase.js';

const INSERT = 'INSERT INTO kyc_processed_events (event_id, uid, event_type, outcome, processed_at) VALUES (?, ?, ?, ?, ?)';
const SELECT = 'SELECT event_id, uid FROM kyc_processed_events WHERE event_id = ?';

/** The driver-level statements of the hot paths (`selectRows`, `runStatement`) on both databases. */
for (const kind of DATABASE_KINDS) {
  describe(`driver-level statements (${kind})`, () => {
    let scratch: MigratedDatabase;
    let database: Database;
    let unitOfWork: SequelizeUnitOfWork;

    beforeEach(async () => {
      scratch = await createMigratedDatabase(kind, 2);
      database = scratch.database;
      unitOfWork = new SequelizeUnitOfWork(database);
    });

    afterEach(async () => {
      await scratch.close();
    });

    const insert = (eventId: string) => runStatement(database, INSERT, [eventId, 'u-1', 'INFO', 'APPLIED', new Date('2026-01-02T03:04:05.000Z')]);

    it('fills an IN (?) with a list, and matches nothing with an empty one', async () => {
      await insert('evt-a');
      await insert('evt-b');
      await insert('evt-c');
      const sql = 'SELECT event_id FROM kyc_processed_events WHERE uid = ? AND event_id IN (?) ORDER BY event_id';
      const listed = await selectRows<{ event_id: string }>(database, sql, ['u-1', ['evt-a', 'evt-c', 'evt-x']]);
      expect(listed.map((row) => row.event_id)).to.deep.equal(['evt-a', 'evt-c']);
      expect(await selectRows(database, sql, ['u-1', []])).to.deep.equal([]);
    });

    it('reads, inside a unit of work, what that unit of work wrote but has not committed', async () => {
      const seen = await unitOfWork.run(async () => {
        await insert('evt-own');
        return selectRows<{ event_id: string }>(database, SELECT, ['evt-own']);
      });
      expect(seen.map((row) => row.event_id)).to.deep.equal(['evt-own']);
    });

    it('writes nothing when the unit of work fails after a driver-level write', async () => {
      const failure = await unitOfWork
        .run(async () => {
          await insert('evt-rolled-back');
          throw new Error('boom');
        })
        .catch((error: unknown) => error);
      expect(failure).to.be.instanceOf(Error).with.property('message', 'boom');
      expect(await selectRows(database, SELECT, ['evt-rolled-back'])).to.deep.equal([]);
    });

    it('reads committed rows outside a unit of work, with the counts a write reports', async () => {
      const written = await unitOfWork.run(() => insert('evt-committed'));
      expect(written.affectedRows).to.equal(1);
      expect(await selectRows(database, SELECT, ['evt-committed'])).to.deep.equal([{ event_id: 'evt-committed', uid: 'u-1' }]);
    });
  });
}
