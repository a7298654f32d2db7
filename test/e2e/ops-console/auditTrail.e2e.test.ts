import { rmSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { insertOutboxMessage } from '../../../adapters/persistence/outbox/insertOutboxMessage.js';
import { uuidv7 } from '../../../adapters/persistence/outbox/uuidv7.js';
import { RetentionPurger } from '../../../core/shared/RetentionPurger.js';
import { postJson } from '../../support/http.js';
import { aMemberFixture } from '../../support/MemberMother.js';
import { midplatEnv, runMidplatScript } from '../../support/midplatScript.js';
import { ServiceProcess } from '../../support/ServiceProcess.js';
import { startTestService, type TestService } from '../../support/startTestService.js';
import { DATABASE_KINDS } from '../../support/testDatabases.js';

const OPS = { acstkn: 'demo-ops-token' };
const VIEWER = { acstkn: 'demo-ops-viewer-token' };

for (const kind of DATABASE_KINDS) {
  describe(`audit trail of operator actions (SPEC 2.2.3, ${kind})`, function () {
    this.timeout(120000);
    let app: TestService;
    const ops = (path: string, body: object, headers: Record<string, string> = OPS) => postJson(`${app.baseUrl}/ops/api/${path}`, body, headers);
    const audit = async (filter: object = {}) => (await ops('audit/search', filter, VIEWER)).body.data.items as Array<Record<string, unknown>>;
    const statusOf = async (id: string) =>
      (await app.service.database.sequelize.query<{ status: string }>('SELECT status FROM outbox_messages WHERE id = ?', { replacements: [id], type: QueryTypes.SELECT }))[0]!.status;

    /** A message of a topic no handler serves (no worker touches it), FAILED. */
    async function failedMessage(uid: string): Promise<string> {
      const id = uuidv7(Date.now());
      await insertOutboxMessage(app.service.database, id, { topic: `audit.${kind}`, partitionKey: uid, payload: { uid } }, new Date());
      await app.service.database.sequelize.query("UPDATE outbox_messages SET status = 'FAILED', attempts = 3 WHERE id = ?", { replacements: [id] });
      return id;
    }

    before(async () => {
      app = await startTestService(kind, {}, { demo: true });
    });
    after(() => app?.stop());

    it('records a console retry and batch retry: who, what, the ids or the filter and count, when, the request id; a dry run is not recorded', async () => {
      const single = await failedMessage('u-single');
      const before = Date.now();
      expect((await ops('messages/retry', { id: single }, { ...OPS, 'x-request-id': 'req-audit-single' })).status).to.equal(200);
      const [a, b] = [await failedMessage('u-batch'), await failedMessage('u-batch')];
      expect((await ops('messages/retry-failed', { uid: 'u-batch', dryRun: true })).body.data.count).to.equal(2);
      expect((await ops('messages/retry-failed', { uid: 'u-batch' }, { ...OPS, 'x-request-id': 'req-audit-batch' })).body.data.count).to.equal(2);
      expect([await statusOf(a), await statusOf(b)]).to.deep.equal(['PENDING', 'PENDING']);

      const [batch, retry] = await audit({ actor: 'ops' });
      expect(retry).to.deep.include({ actor: 'ops', action: 'outbox.retry', target: JSON.stringify({ id: single }), count: 1, outcome: null, requestId: 'req-audit-single' });
      expect(batch).to.deep.include({ actor: 'ops', action: 'outbox.retry-failed', target: '{"partitionKey":"u-batch","status":"FAILED"}', count: 2, requestId: 'req-audit-batch' });
      expect(Date.parse(retry!.at as string)).to.be.within(before - 1000, Date.now() + 1000);
      expect((await audit({ action: 'outbox.retry' })).map((record) => record.requestId)).to.deep.equal(['req-audit-single']);
      expect(await audit({ from: new Date(Date.now() + 60000).toISOString() })).to.deep.equal([]);
      expect((await ops('audit/search', {}, { acstkn: 'demo-kyc-token' })).status).to.equal(403);
    });

    it('writes the record in the transaction of the change: no record, no retry', async () => {
      const id = await failedMessage('u-atomic');
      const rename = (from: string, to: string) => app.service.database.sequelize.query(`ALTER TABLE ${from} RENAME TO ${to}`);
      await rename('audit_log', 'audit_log_away');
      try {
        expect((await ops('messages/retry', { id })).status).to.be.within(500, 503);
        expect((await ops('messages/retry-failed', { uid: 'u-atomic' })).status).to.be.within(500, 503);
      } finally {
        await rename('audit_log_away', 'audit_log');
      }
      expect(await statusOf(id)).to.equal('FAILED');
      expect((await ops('messages/retry', { id })).status).to.equal(200);
      expect(await statusOf(id)).to.equal('PENDING');
    });

    it('is never purged by the retention jobs', async () => {
      const before = (await audit()).length;
      expect(before).to.be.greaterThan(0);
      for (const purger of app.service.container.getAll<RetentionPurger>(RetentionPurger)) await purger.purgeBatch(new Date(Date.now() + 365 * 86400000), 10000);
      expect((await audit()).length).to.equal(before);
    });

    it('records retries from the CLI as cli:<OS user> and every seed --replace, and `outbox audit` lists them', async () => {
      const id = await failedMessage('u-cli');
      const { folder, configFile } = ServiceProcess.writeConfig({ database: { url: app.database.url } });
      try {
        const env = midplatEnv(configFile);
        const retried = await runMidplatScript('outbox', ['retry', id], { env });
        expect(retried.code, retried.stderr).to.equal(0);
        const fixture = join(folder, 'members.json');
        writeFileSync(fixture, JSON.stringify({ members: [aMemberFixture({ memberId: 'M0000000777' })] }));
        for (const args of [[fixture], ['--replace', fixture]]) {
          const seeded = await runMidplatScript('seed', args, { env });
          expect(seeded.code, seeded.stderr).to.equal(0);
        }
        const actor = `cli:${userInfo().username}`;
        const [replaced, retry] = await audit({ actor });
        expect(retry).to.deep.include({ action: 'outbox.retry', target: JSON.stringify({ id }), count: 1 });
        expect(replaced).to.deep.include({ action: 'fixtures.replace', target: '{"file":"members.json","sections":{"members":1}}', count: 1 });
        expect(String(retry!.requestId)).to.match(/^cli-/);

        const listed = await runMidplatScript('outbox', ['audit', '--actor', actor], { env });
        expect(listed.code, listed.stderr).to.equal(0);
        const lines = listed.stdout.trim().split('\n');
        expect(lines[0]).to.match(/^AT\s+ACTOR\s+ACTION\s+COUNT\s+OUTCOME\s+REQUEST ID\s+TARGET$/);
        expect(lines.slice(1).map((line) => line.split(/\s+/)[2])).to.deep.equal(['fixtures.replace', 'outbox.retry']);
        const refused = await runMidplatScript('outbox', ['audit', '--action', 'nonsense'], { env });
        expect([refused.code, refused.stderr]).to.satisfy(([code, stderr]: [number, string]) => code !== 0 && stderr.includes('unknown action nonsense'));
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    });
  });
}
