import { expect } from 'chai';
import { Database } from '../../../adapters/persistence/Database.js';
import { isDatabaseUnavailable } from '../../../adapters/persistence/isDatabaseUnavailable.js';
import { selectRows } from '../../../adapters/persistence/selectRows.js';
import { DatabaseUnavailable } from '../../../core/shared/DatabaseUnavailable.js';
import { ScratchMariaDb } from '../../support/ScratchMariaDb.js';

async function failureOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected the work to fail');
}

/** Real driver errors from a MariaDB server this test stops and starts (its own port and data directory). */
describe('isDatabaseUnavailable (MariaDB outage)', function () {
  this.timeout(120000);
  let server: ScratchMariaDb;
  let database: Database;

  before(async () => {
    server = await ScratchMariaDb.create();
    await server.start();
    database = new Database({ url: await server.createDatabase('outage'), poolMax: 3 });
    await database.sequelize.query('CREATE TABLE notes (id INT PRIMARY KEY)');
  });
  after(async () => {
    await database?.close();
    await server?.destroy();
  });

  it('does not take a wrong query for an outage', async () => {
    const error = await failureOf(() => database.sequelize.query('SELECT * FROM no_such_table'));
    expect(isDatabaseUnavailable(error)).to.equal(false);
    expect(error).not.to.be.instanceOf(DatabaseUnavailable);
    const duplicate = await failureOf(async () => {
      await database.sequelize.query('INSERT INTO notes VALUES (1)');
      await database.sequelize.query('INSERT INTO notes VALUES (1)');
    });
    expect(isDatabaseUnavailable(duplicate)).to.equal(false);
    expect(duplicate).not.to.be.instanceOf(DatabaseUnavailable);
    expect(await failureOf(() => selectRows(database, 'SELECT * FROM no_such_table', []))).not.to.be.instanceOf(DatabaseUnavailable);
  });

  it('recognises a connection that dies under a transaction already begun, and nothing of it is kept', async () => {
    const error = await failureOf(() =>
      database.inTransaction(async () => {
        await database.sequelize.query('INSERT INTO notes VALUES (2)', database.queryOptions());
        await server.stop();
        await database.sequelize.query('INSERT INTO notes VALUES (3)', database.queryOptions());
      }),
    );
    expect(isDatabaseUnavailable(error), String(error)).to.equal(true);
    expect(error, String(error)).to.be.instanceOf(DatabaseUnavailable);
    await server.start();
    const [rows] = await database.sequelize.query('SELECT id FROM notes WHERE id IN (2, 3)');
    expect(rows).to.deep.equal([]);
  });

  it('recognises refused connections on a query and on a transaction begin, and recovers once the server is back', async () => {
    await server.stop();
    expect(isDatabaseUnavailable(await failureOf(() => database.ping()))).to.equal(true);
    expect(isDatabaseUnavailable(await failureOf(() => database.inTransaction(async () => 1)))).to.equal(true);
    // Persistence raises the domain's error for it, with the driver's as cause, on every path a statement takes.
    const failures = [
      await failureOf(() => database.ping()),
      await failureOf(() => database.inTransaction(async () => 1)),
      await failureOf(() => selectRows(database, 'SELECT id FROM notes', [])),
      await failureOf(() => database.inTransaction(() => selectRows(database, 'SELECT id FROM notes', []))),
    ];
    for (const failure of failures) {
      expect(failure, String(failure)).to.be.instanceOf(DatabaseUnavailable);
      expect((failure as DatabaseUnavailable).cause, String(failure)).to.be.instanceOf(Error);
    }
    await server.start();
    await database.ping();
    expect(await database.inTransaction(async () => 'done')).to.equal('done');
  });
});
