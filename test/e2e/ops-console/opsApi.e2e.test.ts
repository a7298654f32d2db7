import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { uuidv7 } from '../../../adapters/persistence/outbox/uuidv7.js';
import { insertOutboxMessage } from '../../../adapters/persistence/outbox/insertOutboxMessage.js';
import { DEMO_DELIVERED_MESSAGE_ID, DEMO_RETRYING_MESSAGE_ID } from '../../../adapters/http/ops-console/opsConsoleSchemas.js';
import { postJson } from '../../support/http.js';
import { startTestService, type TestService } from '../../support/startTestService.js';
import { DATABASE_KINDS } from '../../support/testDatabases.js';
import { waitFor } from '../../support/waitFor.js';

const OPS = { acstkn: 'demo-ops-token' };
const VIEWER = { acstkn: 'demo-ops-viewer-token' };
const KYC = { acstkn: 'demo-kyc-token' };
const DEMO_FAILING_MESSAGE_ID = '0192e6a0-0000-7000-8000-000000000004';

const READ_ENDPOINTS: Array<[string, object]> = [
  ['/ops/api/whoami', {}],
  ['/ops/api/overview', {}],
  ['/ops/api/messages/search', {}],
  ['/ops/api/messages/get', { id: DEMO_DELIVERED_MESSAGE_ID }],
  ['/ops/api/kyc/profile', { uid: '100000001' }],
  ['/ops/api/members/get', { memberId: 'M0000000001' }],
];
const WRITE_ENDPOINTS: Array<[string, object]> = [
  ['/ops/api/messages/retry', { id: DEMO_RETRYING_MESSAGE_ID }],
  ['/ops/api/messages/retry-failed', { dryRun: true }],
];

for (const kind of DATABASE_KINDS) {
  describe(`Ops API (${kind})`, function () {
    this.timeout(60000);
    let app: TestService;
    const ops = (path: string, body: object, headers: Record<string, string> = OPS) => postJson(`${app.baseUrl}${path}`, body, headers);
    const message = async (id: string) => (await ops('/ops/api/messages/get', { id })).body.data;

    /** Messages of a topic no handler serves, so no worker ever touches them; `status` set directly. */
    async function seedMessage(topic: string, uid: string, status: 'PENDING' | 'DONE' | 'FAILED', createdAt = new Date()): Promise<string> {
      const id = uuidv7(createdAt.getTime());
      await insertOutboxMessage(app.service.database, id, { topic, partitionKey: uid, payload: { uid, phone: '+60123456789' } }, createdAt);
      await app.service.database.sequelize.query('UPDATE outbox_messages SET status = ?, attempts = ? WHERE id = ?', {
        replacements: [status, status === 'PENDING' ? 0 : 3, id],
      });
      return id;
    }

    async function statuses(topic: string): Promise<Record<string, { status: string; updated: string }>> {
      const rows = await app.service.database.sequelize.query<{ id: string; status: string; updated_at: Date | string }>(
        'SELECT id, status, updated_at FROM outbox_messages WHERE topic = ?',
        { replacements: [topic], type: QueryTypes.SELECT },
      );
      return Object.fromEntries(rows.map((row) => [row.id, { status: row.status, updated: String(row.updated_at) }]));
    }

    before(async () => {
      app = await startTestService(kind, {}, { demo: true });
      // The demo's MPFAIL callback is refused on each of its (demo: 3) attempts.
      await waitFor('the demo MPFAIL message to fail', async () => (await message(DEMO_FAILING_MESSAGE_ID)).message.status === 'FAILED', 20000);
    });
    after(() => app?.stop());

    describe('scopes', () => {
      it('answers 401 UNAUTHORIZED to every ops endpoint without a token or with an unknown one', async () => {
        for (const [path, body] of [...READ_ENDPOINTS, ...WRITE_ENDPOINTS]) {
          for (const headers of [{}, { acstkn: 'no-such-token' }] as Array<Record<string, string>>) {
            const reply = await ops(path, body, headers);
            expect(reply.status, path).to.equal(401);
            expect(reply.body.error.errorCode).to.equal('UNAUTHORIZED');
          }
        }
      });

      it('answers 403 FORBIDDEN to a token without ops:read, and to a viewer on the write endpoints', async () => {
        for (const [path, body] of [...READ_ENDPOINTS, ...WRITE_ENDPOINTS]) {
          const reply = await ops(path, body, KYC);
          expect(reply.status, path).to.equal(403);
          expect(reply.body.error.errorCode).to.equal('FORBIDDEN');
        }
        for (const [path, body] of WRITE_ENDPOINTS) {
          const reply = await ops(path, body, VIEWER);
          expect(reply.status, path).to.equal(403);
          expect(reply.body.error.errorCode).to.equal('FORBIDDEN');
        }
      });

      it('lets a viewer (ops:read) use every read endpoint', async () => {
        for (const [path, body] of READ_ENDPOINTS) expect((await ops(path, body, VIEWER)).status, path).to.equal(200);
      });

      it('tells the console who signed in and with which scopes', async () => {
        expect((await ops('/ops/api/whoami', {})).body.data).to.deep.equal({ consumer: 'ops', scopes: ['ops:read', 'ops:write'] });
        expect((await ops('/ops/api/whoami', {}, VIEWER)).body.data).to.deep.equal({ consumer: 'ops-viewer', scopes: ['ops:read'] });
      });
    });

    describe('the embedded demo', () => {
      it('shows delivered messages, one retrying (MPBUSY) and one FAILED (MPFAIL)', async () => {
        const { items } = (await ops('/ops/api/messages/search', { topic: 'moneyplus.callback', limit: 200 })).body.data;
        const byUid = (uid: string) => items.filter((item: { uid: string }) => item.uid === uid);
        await waitFor('the demo deliveries', async () => {
          const done = (await ops('/ops/api/messages/search', { status: 'DONE' })).body.data.items;
          return done.length >= 3;
        });
        expect(byUid('MPFAIL0007')[0].status).to.equal('FAILED');
        const busy = (await message(DEMO_RETRYING_MESSAGE_ID)).message;
        expect(busy.status).to.equal('PENDING');
        expect(busy.attempts).to.be.at.least(1);
        expect(busy.lastError).to.equal('HTTP 503');
        expect(Date.parse(busy.nextAttemptAt)).to.be.greaterThan(Date.now() + 60_000);
      });

      it('counts by status and topic, gives the oldest pending age and attempts per minute', async () => {
        // The oldest pending message is two hours old; the demo's MPBUSY one, pending too, is seconds old.
        const seededAt = Date.now();
        await seedMessage(`overview.${kind}`, 'u-oldest', 'PENDING', new Date(seededAt - 7200_000));
        await seedMessage(`overview.${kind}`, 'u-older', 'PENDING', new Date(seededAt - 3600_000));
        const { data } = (await ops('/ops/api/overview', { hours: 1 })).body;
        const count = (status: string) => data.counts.find((c: { status: string; topic: string }) => c.status === status && c.topic === 'moneyplus.callback')?.count;
        expect(count('FAILED')).to.equal(1);
        expect(count('DONE')).to.be.at.least(3);
        expect(data.oldestPendingAgeSeconds).to.be.within(7200, 7200 + Math.ceil((Date.now() - seededAt) / 1000) + 1);
        const delivered = data.series.reduce((sum: number, point: { delivered: number }) => sum + point.delivered, 0);
        const failed = data.series.reduce((sum: number, point: { failed: number }) => sum + point.failed, 0);
        expect(delivered).to.be.at.least(3);
        expect(failed).to.be.at.least(4); // MPFAIL's 3 refusals and MPBUSY's first
        for (const point of data.series) expect(new Date(point.minute).getUTCSeconds()).to.equal(0);
        const minutes = data.series.map((point: { minute: string }) => point.minute);
        expect(minutes).to.deep.equal([...minutes].sort());
      });

      it('rejects an overview of more than 48 hours', async () => {
        const reply = await ops('/ops/api/overview', { hours: 49 });
        expect(reply.status).to.equal(400);
        expect(reply.body.error.errorCode).to.equal('VALIDATION_ERROR');
      });
    });

    describe('message detail', () => {
      it('shows every attempt with its HTTP status, reply excerpt and error, and masks the payload', async () => {
        const { message: failed, attempts } = await message(DEMO_FAILING_MESSAGE_ID);
        expect(failed).to.include({ id: DEMO_FAILING_MESSAGE_ID, uid: 'MPFAIL0007', status: 'FAILED', attempts: 3, nextAttemptAt: null, lastError: 'retcode 1' });
        expect(attempts.map((a: { attempt: number }) => a.attempt)).to.deep.equal([1, 2, 3]);
        for (const attempt of attempts) {
          expect(attempt).to.include({ httpStatus: 200, error: 'retcode 1' });
          expect(JSON.parse(attempt.responseExcerpt)).to.deep.equal({ retcode: 1, msg: 'simulated failure' });
          expect(attempt.durationMs).to.be.a('number').and.at.least(0);
        }
        expect(Date.parse(attempts[1].startedAt)).to.be.greaterThan(Date.parse(attempts[0].startedAt));
        const text = JSON.stringify(failed.payload);
        expect(text).not.to.include('+60136789012');
        expect(text).not.to.include('Ahmad Faiz');
        expect(failed.payload.data.phone).to.equal('+60****012');
        expect(failed.payload.data.nature_of_business).to.equal('64190');
      });

      it('records a delivered attempt with its reply', async () => {
        const { message: done, attempts } = await message(DEMO_DELIVERED_MESSAGE_ID);
        expect(done.status).to.equal('DONE');
        expect(attempts).to.have.length(1);
        expect(attempts[0]).to.include({ attempt: 1, httpStatus: 200, error: null });
        expect(JSON.parse(attempts[0].responseExcerpt).retcode).to.equal(0);
      });

      it('answers 404 MESSAGE_NOT_FOUND for an unknown id and 400 for an id that is not a UUID', async () => {
        const unknown = await ops('/ops/api/messages/get', { id: uuidv7() });
        expect(unknown.status).to.equal(404);
        expect(unknown.body.error.errorCode).to.equal('MESSAGE_NOT_FOUND');
        expect((await ops('/ops/api/messages/get', { id: 'x' })).status).to.equal(400);
      });
    });

    describe('search', () => {
      it('filters by status, topic, uid, webhook-id and creation time', async () => {
        const topic = `search.${kind}`;
        const now = Date.now();
        // Ids are UUIDv7s of their creation time: a millisecond apart at least, so newest first is one order.
        const a = await seedMessage(topic, 'u-a', 'FAILED', new Date(now - 3_600_000));
        const b = await seedMessage(topic, 'u-a', 'DONE', new Date(now - 2000));
        const c = await seedMessage(topic, 'u-b', 'FAILED', new Date(now - 1000));
        const ids = async (filter: object) =>
          (await ops('/ops/api/messages/search', { topic, ...filter })).body.data.items.map((item: { id: string }) => item.id);
        expect(await ids({})).to.deep.equal([c, b, a]);
        expect(await ids({ status: 'FAILED' })).to.deep.equal([c, a]);
        expect(await ids({ uid: 'u-a' })).to.deep.equal([b, a]);
        expect(await ids({ webhookId: b })).to.deep.equal([b]);
        expect(await ids({ from: new Date(Date.now() - 600_000).toISOString() })).to.deep.equal([c, b]);
        expect(await ids({ to: new Date(Date.now() - 600_000).toISOString() })).to.deep.equal([a]);
        expect(await ids({ status: 'PENDING' })).to.deep.equal([]);
        expect((await ops('/ops/api/messages/search', { topic: 'no.such.topic' })).body.data).to.deep.equal({ items: [], nextCursor: null });
      });

      it('pages newest first with a keyset cursor: no message twice, none left out, null at the end', async () => {
        const topic = `pages.${kind}`;
        const seeded: string[] = [];
        for (let i = 0; i < 7; i += 1) seeded.push(await seedMessage(topic, `u${i}`, 'PENDING', new Date(Date.now() - (7 - i) * 1000)));
        const seen: string[] = [];
        let cursor: string | undefined;
        const sizes: number[] = [];
        do {
          const { data } = (await ops('/ops/api/messages/search', { topic, limit: 3, ...(cursor ? { cursor } : {}) })).body;
          sizes.push(data.items.length);
          seen.push(...data.items.map((item: { id: string }) => item.id));
          cursor = data.nextCursor ?? undefined;
        } while (cursor);
        expect(sizes).to.deep.equal([3, 3, 1]);
        expect(seen).to.deep.equal([...seeded].reverse());
      });

      it('refuses a bad limit, cursor, status or time with 400 VALIDATION_ERROR', async () => {
        for (const body of [{ limit: 0 }, { limit: 201 }, { cursor: 'abc' }, { status: 'LOST' }, { from: 'yesterday' }, { uid: '' }, { other: 1 }]) {
          const reply = await ops('/ops/api/messages/search', body);
          expect(reply.status, JSON.stringify(body)).to.equal(400);
          expect(reply.body.error.errorCode).to.equal('VALIDATION_ERROR');
        }
      });
    });

    describe('retry', () => {
      it('refuses to retry a delivered message with 409 MESSAGE_ALREADY_DELIVERED, and an unknown one with 404', async () => {
        const done = await ops('/ops/api/messages/retry', { id: DEMO_DELIVERED_MESSAGE_ID });
        expect(done.status).to.equal(409);
        expect(done.body.error.errorCode).to.equal('MESSAGE_ALREADY_DELIVERED');
        expect((await message(DEMO_DELIVERED_MESSAGE_ID)).attempts).to.have.length(1);
        const unknown = await ops('/ops/api/messages/retry', { id: uuidv7() });
        expect(unknown.status).to.equal(404);
        expect(unknown.body.error.errorCode).to.equal('MESSAGE_NOT_FOUND');
      });

      it('makes a PENDING message that waits for its backoff due now', async () => {
        const id = await seedMessage(`retry.${kind}`, 'u-wait', 'PENDING');
        await app.service.database.sequelize.query('UPDATE outbox_messages SET next_attempt_at = ? WHERE id = ?', {
          replacements: [new Date(Date.now() + 3_600_000), id],
        });
        const reply = await ops('/ops/api/messages/retry', { id });
        expect(reply.status).to.equal(200);
        expect(reply.body.data).to.deep.equal({ id, status: 'PENDING' });
        expect(Date.parse((await message(id)).message.nextAttemptAt)).to.be.at.most(Date.now());
      });

      it("delivers the demo's FAILED message once an operator retries it (the simulator accepts it then)", async () => {
        const reply = await ops('/ops/api/messages/retry', { id: DEMO_FAILING_MESSAGE_ID });
        expect(reply.status).to.equal(200);
        expect(reply.body.data).to.deep.equal({ id: DEMO_FAILING_MESSAGE_ID, status: 'PENDING' });
        const detail = await waitFor('the retried message to be delivered', async () => {
          const found = await message(DEMO_FAILING_MESSAGE_ID);
          return found.message.status === 'DONE' && found;
        });
        expect(detail.attempts).to.have.length(4);
        expect(detail.attempts[3]).to.include({ attempt: 1, httpStatus: 200, error: null });
      });
    });

    describe('retry all failed', () => {
      it('counts (dryRun) and retries only the FAILED messages matching the filter', async () => {
        const topic = `batch.${kind}`;
        const target1 = await seedMessage(topic, 'u-target', 'FAILED');
        const target2 = await seedMessage(topic, 'u-target', 'FAILED');
        const otherUid = await seedMessage(topic, 'u-other', 'FAILED');
        const done = await seedMessage(topic, 'u-target', 'DONE');
        const pending = await seedMessage(topic, 'u-target', 'PENDING');
        const otherTopic = await seedMessage(`${topic}.other`, 'u-target', 'FAILED');
        const before = await statuses(topic);

        const dry = await ops('/ops/api/messages/retry-failed', { topic, uid: 'u-target', dryRun: true });
        expect(dry.body.data).to.deep.equal({ count: 2 });
        expect(await statuses(topic)).to.deep.equal(before);

        const real = await ops('/ops/api/messages/retry-failed', { topic, uid: 'u-target' });
        expect(real.status).to.equal(200);
        expect(real.body.data).to.deep.equal({ count: 2 });
        const after = await statuses(topic);
        expect(after[target1]!.status).to.equal('PENDING');
        expect(after[target2]!.status).to.equal('PENDING');
        expect(after[otherUid]).to.deep.equal(before[otherUid]);
        expect(after[done]).to.deep.equal(before[done]);
        expect(after[pending]).to.deep.equal(before[pending]);
        expect((await statuses(`${topic}.other`))[otherTopic]!.status).to.equal('FAILED');
        expect((await message(target1)).message.attempts).to.equal(0);

        const byId = await ops('/ops/api/messages/retry-failed', { webhookId: otherUid });
        expect(byId.body.data).to.deep.equal({ count: 1 });
        expect((await ops('/ops/api/messages/retry-failed', { webhookId: done })).body.data).to.deep.equal({ count: 0 });
      });
    });

    describe('KYC profile', () => {
      it("shows a uid's mirror, subscriptions and history with personal data masked", async () => {
        const event = { eventId: `evt-ops-${kind}`, uid: '100000001', occurredAt: 1666755400, type: 'PHONE', phone: '+60111222333' };
        expect((await postJson(`${app.baseUrl}/intranet/api/v1.0/kyc/KycChanged`, event, KYC)).body.data.outcome).to.equal('APPLIED');
        const { data } = (await ops('/ops/api/kyc/profile', { uid: '100000001' })).body;
        expect(data.profile).to.include({ uid: '100000001', walletStatus: 'ACTIVE', clientStatus: 3, level: 300, isMeetBusiness: true });
        expect(data.profile.info.name).to.equal('Sit****lah');
        expect(data.profile.info.phone).to.equal('+60****333');
        expect(data.profile.info.nationality).to.equal('MY');
        expect(data.subscriptions).to.deep.equal([{ bizId: 'MPLUS', subscribed: true }]);
        const entry = data.history.find((h: { eventId: string }) => h.eventId === event.eventId);
        expect(entry).to.include({ eventType: 'PHONE', outcome: 'APPLIED', occurredAt: new Date(1666755400 * 1000).toISOString() });
        expect(entry.changes).to.deep.equal([{ field: 'phone', from: '+60****789', to: '+60****333' }]);
        expect(JSON.stringify(data)).not.to.include('+60111222333');
      });

      it('answers 404 KYC_PROFILE_NOT_FOUND for an unknown uid', async () => {
        const reply = await ops('/ops/api/kyc/profile', { uid: 'nobody' });
        expect(reply.status).to.equal(404);
        expect(reply.body.error.errorCode).to.equal('KYC_PROFILE_NOT_FOUND');
      });
    });

    describe('member', () => {
      it("shows a member's EDDA check, reviews and failed DA21 attempts, personal data masked", async () => {
        const upgrade = (memberId: string) =>
          postJson(`${app.baseUrl}/intranet/api/v1.0/UpgradeAccount/IVRCheckUpgradeAccount`, { memberId, isPass: true }, { acstkn: 'demo-ivr-token' });
        expect((await upgrade('M0000000005')).status).to.equal(502);
        const refused = (await ops('/ops/api/members/get', { memberId: 'M0000000005' })).body.data;
        expect(refused.member).to.include({ memberId: 'M0000000005', idno: 'E11****445', phone: '096****222', name: '****' });
        expect(refused.eddaCheck.status).to.equal('EDDASuccess');
        expect(refused.reviews).to.deep.equal([]);
        expect(refused.failedDa21Attempts).to.have.length(1);
        expect(refused.failedDa21Attempts[0].code).to.equal('ESB_DA21_FAILED');

        expect((await upgrade('M0000000002')).status).to.equal(200);
        const passed = (await ops('/ops/api/members/get', { memberId: 'M0000000002' })).body.data;
        expect(passed.eddaCheck.status).to.equal('CustomerSuccess');
        expect(passed.eddaCheck.history.at(-1)).to.include({ from: 'EDDASuccess', to: 'CustomerSuccess' });
        expect(passed.reviews).to.have.length(1);
        expect(passed.reviews[0].isPass).to.equal(true);
        expect(passed.failedDa21Attempts).to.deep.equal([]);
        expect(JSON.stringify(passed)).not.to.include('B223456780');
      });

      it('answers 404 CUSTOMER_INFO_NOT_FOUND for an unknown member', async () => {
        const reply = await ops('/ops/api/members/get', { memberId: 'M9999999999' });
        expect(reply.status).to.equal(404);
        expect(reply.body.error.errorCode).to.equal('CUSTOMER_INFO_NOT_FOUND');
      });
    });
  });
}
