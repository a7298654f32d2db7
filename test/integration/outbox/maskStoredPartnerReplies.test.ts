import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { up as maskStoredPartnerReplies } from '../../../adapters/persistence/migrations/20261206-0009-mask-stored-partner-replies.js';
import { insertOutboxMessage } from '../../../adapters/persistence/outbox/insertOutboxMessage.js';
import { uuidv7 } from '../../../adapters/persistence/outbox/uuidv7.js';
import { createMigratedDatabase, type MigratedDatabase } from '../../support/migratedDatabase.js';
import { DATABASE_KINDS } from '../../support/testDatabases.js';

const ECHO = "name: Wang Xiaoming, phone +60123456789, <phone>+60123456789</phone> 'idNo': 'A123456789'";
const MASKED = "name: Wan****ing, phone +60****789, <phone>+60****789</phone> 'idNo': 'A12****789'";

for (const kind of DATABASE_KINDS) {
  describe(`migration 0009 masks partner replies stored before it (${kind})`, function () {
    this.timeout(60_000);
    let migrated: MigratedDatabase;

    before(async () => {
      migrated = await createMigratedDatabase(kind);
    });
    after(() => migrated?.close());

    it('masks every stored excerpt, error and last error in place, across batches, and leaves clean rows as they are', async () => {
      const { database } = migrated;
      const id = uuidv7();
      await insertOutboxMessage(database, id, { topic: 'moneyplus.callback', partitionKey: 'u1', payload: {} }, new Date());
      await database.sequelize.query('UPDATE outbox_messages SET last_error = ? WHERE id = ?', { replacements: [`HTTP 400: phone=+60123456789`, id] });
      const insert = 'INSERT INTO outbox_attempts (message_id, attempt, started_at, duration_ms, succeeded, http_status, response_excerpt, error) VALUES (?, ?, ?, 5, ?, ?, ?, ?)';
      // More rows than a batch (500), the PII in the first, the last and one clean row between.
      for (let attempt = 1; attempt <= 1201; attempt += 1) {
        const echo = attempt === 1 || attempt === 1201;
        await database.sequelize.query(insert, {
          replacements: [id, attempt, new Date(), echo ? 0 : 1, echo ? 500 : 200, echo ? ECHO : '{"retcode":0}', echo ? 'retcode "+60123456789"' : null],
        });
      }
      await maskStoredPartnerReplies(database.sequelize.getQueryInterface(), database);

      const attempts = await database.sequelize.query<{ attempt: number; response_excerpt: string; error: string | null }>(
        'SELECT attempt, response_excerpt, error FROM outbox_attempts WHERE attempt IN (1, 600, 1201) ORDER BY attempt',
        { type: QueryTypes.SELECT },
      );
      expect(attempts.map((row) => [Number(row.attempt), row.response_excerpt, row.error])).to.deep.equal([
        [1, MASKED, 'retcode "+60****789"'],
        [600, '{"retcode":0}', null],
        [1201, MASKED, 'retcode "+60****789"'],
      ]);
      const [message] = await database.sequelize.query<{ last_error: string }>('SELECT last_error FROM outbox_messages', { type: QueryTypes.SELECT });
      expect(message!.last_error).to.equal('HTTP 400: phone=+60****789');
    });
  });
}
