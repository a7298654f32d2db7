import { expect } from 'chai';
import { Database } from '../../../adapters/persistence/Database.js';
import { isDatabaseUnavailable } from '../../../adapters/persistence/isDatabaseUnavailable.js';
import { runStatement, selectRows } from '../../../adapters/persistence/selectRows.js';
import { DatabaseUnavailable } from '../../../core/shared/DatabaseUnavailable.js';
import { ScratchMariaDb } from '../../support/ScratchMariaDb.js';
import { rejectionOf } from '../../support/rejectionOf.js';


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
    const error = await rejectionOf(database.sequelize.query('SELECT * FROM no_such_table'));
    expect(isDatabaseUnavailable(error)).to.equal(false);
    expect(error).not.to.be.instanceOf(DatabaseUnavailable);
    const duplicate = await rejectionOf(database.sequelize.query('INSERT INTO notes VALUES (1)').then(() => database.sequelize.query('INSERT INTO notes VALUES (1)')));
    expect(isDatabaseUnavailable(duplicate)).to.equal(false);
    expect(duplicate).not.to.be.instanceOf(DatabaseUnavailable);
    expect(await rejectionOf(selectRows(database, 'SELECT * FROM no_such_table', []))).not.to.be.instanceOf(DatabaseUnavailable);
  });

  it('recognises a connection that dies under a unit of work already begun, and nothing of it is kept', async () => {
    const error = await rejectionOf(
      database.inTransaction(async () => {
        await runStatement(database, 'INSERT INTO notes VALUES (?)', [2]);
        await server.stop();
        await runStatement(database, 'INSERT INTO notes VALUES (?)', [3]);
      }),
    );
    expect(isDatabaseUnavailable(error), String(error)).to.equal(true);
    expect(error, String(error)).to.be.instanceOf(DatabaseUnavailable);
    await server.start();
    const [rows] = await database.sequelize.query('SELECT id FROM notes WHERE id IN (2, 3)');
    expect(rows).to.deep.equal([]);
  });

  it('recognises a connection that dies under a Sequelize model transaction already begun, and nothing of it is kept', async () => {
    const error = await rejectionOf(
      database.inModelTransaction(async () => {
        await database.sequelize.query('INSERT INTO notes VALUES (4)', database.queryOptions());
        await server.stop();
        await database.sequelize.query('INSERT INTO notes VALUES (5)', database.queryOptions());
      }),
    );
    expect(isDatabaseUnavailable(error), String(error)).to.equal(true);
    expect(error, String(error)).to.be.instanceOf(DatabaseUnavailable);
    await server.start();
    const [rows] = await database.sequelize.query('SELECT id FROM notes WHERE id IN (4, 5)');
    expect(rows).to.deep.equal([]);
  });

  it('recognises refused connections on a query and on a transaction begin, and recovers once the server is back', async () => {
    await server.stop();
    expect(isDatabaseUnavailable(await rejectionOf(database.ping()))).to.equal(true);
    expect(isDatabaseUnavailable(await rejectionOf(database.inTransaction(async () => 1)))).to.equal(true);
    // Persistence raises the domain's error for it, with the driver's as cause, on every path a statement takes.
    const failures = [
      await rejectionOf(database.ping()),
      await rejectionOf(database.inTransaction(async () => 1)),
      await rejectionOf(selectRows(database, 'SELECT id FROM notes', [])),
      await rejectionOf(database.inTransaction(() => selectRows(database, 'SELECT id FROM notes', []))),
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
