import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { FixtureLoader } from '../../../adapters/persistence/fixtures/FixtureLoader.js';
import { SequelizeOutboxOperatorQueries } from '../../../adapters/persistence/outbox/SequelizeOutboxOperatorQueries.js';
import { MoneyPlusSubscriptionRepository } from '../../../core/kyc-change-notifier/ports.js';
import { FakeMoneyPlusServer } from '../../support/FakeMoneyPlusServer.js';
import { postJson } from '../../support/http.js';
import { SITI_INFO } from '../../support/KycProfileMother.js';
import { verifyStandardWebhook } from '../../support/StandardWebhooksVerifier.js';
import { startTestService, type TestService } from '../../support/startTestService.js';
import { DATABASE_KINDS } from '../../support/testDatabases.js';
import { waitFor } from '../../support/waitFor.js';
import { DEMO_CONSUMERS } from '../../../config/demo/demoConfig.js';
import type { ConfigJson } from '../../../config/loadConfig.js';
import { statusCallbackData } from '../../support/statusCallbackData.js';

const SECRET = 'whsec_ZTJlLW1vbmV5cGx1cy13ZWJob29rLWtleS0wMDAwMDE=';
const KYC = { acstkn: 'demo-kyc-token' };
const MONEYPLUS = { acstkn: 'demo-moneyplus-token' };
const MAX_ATTEMPTS = 3;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** A consumer of Money+'s scopes that lists no partner, and one that lists a partner not configured. */
const NO_PARTNER = { acstkn: 'test-no-partner-token' };
const WIDE = { acstkn: 'test-wide-partner-token' };
const READ_ONLY = { acstkn: 'test-read-only-token' };
const MONEYPLUS_SCOPES = ['moneyplus:read', 'moneyplus:subscribe'];

const profile = (uid: string, clientStatus: number, level: number) => ({
  uid,
  walletStatus: 'ACTIVE',
  clientStatus,
  level,
  isMeetBusiness: clientStatus === 3,
  info: SITI_INFO,
});

for (const kind of DATABASE_KINDS) {
  describe(`KYC and Money+ end to end (${kind})`, () => {
    let moneyPlus: FakeMoneyPlusServer;
    let midplat: TestService;

    beforeEach(async () => {
      moneyPlus = new FakeMoneyPlusServer();
      await moneyPlus.start();
      midplat = await startTestService(kind, {
        auth: {
          consumers: [
            ...(DEMO_CONSUMERS as unknown as ConfigJson[]),
            { name: 'no-partner', tokenSha256: sha256(NO_PARTNER.acstkn), scopes: MONEYPLUS_SCOPES },
            { name: 'wide', tokenSha256: sha256(WIDE.acstkn), scopes: MONEYPLUS_SCOPES, bizIds: ['MPLUS', 'OTHER', 'GONE'] },
            { name: 'read-only', tokenSha256: sha256(READ_ONLY.acstkn), scopes: ['moneyplus:read'], bizIds: ['MPLUS'] },
          ],
        },
        moneyPlus: {
          adapter: 'http',
          maxAttempts: MAX_ATTEMPTS,
          timeoutMs: 5000, // nothing here hangs: a slow machine must not turn a delivery into a retry
          partners: [
            { bizId: 'MPLUS', secret: SECRET, callbackUrl: moneyPlus.url, queryFields: ['name', 'phone', 'nationality', 'nature_of_business'] },
            { bizId: 'OTHER', secret: SECRET, callbackUrl: moneyPlus.url, queryFields: ['name'] },
          ],
        },
        // Retry at once so the test sees every attempt; the backoff itself is the outbox's own test.
        outbox: { backoffMs: [0] },
      });
      await midplat.service.container.get(FixtureLoader).load({
        kycProfiles: [profile('pending-ekyc', 2, 300), profile('approved-ekyc', 3, 300), profile('approved-full', 3, 200), profile('unsubscribed', 3, 300)],
        moneyPlusSubscriptions: [
          { uid: 'pending-ekyc', bizId: 'MPLUS' },
          { uid: 'approved-ekyc', bizId: 'MPLUS' },
          { uid: 'approved-full', bizId: 'MPLUS' },
          { uid: 'no-profile', bizId: 'MPLUS' },
        ],
      });
    });

    afterEach(async () => {
      await midplat.stop();
      await moneyPlus.stop();
    });

    const kycChanged = (event: object) => postJson(`${midplat.baseUrl}/intranet/api/v1.0/kyc/KycChanged`, event, KYC);
    const queryFields = (uid: string) => postJson(`${midplat.baseUrl}/intranet/api/v1.0/moneyplus/QueryFieldResult`, { uid, bizId: 'MPLUS' }, MONEYPLUS);
    const store = () => midplat.service.container.get(SequelizeOutboxOperatorQueries);
    const messageOf = (id: string) => store().find(id);
    const settled = (id: string) => waitFor(`message ${id} to settle`, async () => {
      const message = await messageOf(id);
      return message && message.status !== 'PENDING' ? message : undefined;
    }, 15000);

    it('delivers a signed KYC_STATUS_CHANGED callback whose webhook-id and event_id are the message id', async () => {
      const reply = await kycChanged({
        eventId: 'evt-approve',
        uid: 'pending-ekyc',
        occurredAt: 1666755263,
        type: 'STATUS',
        status: { clientStatus: 3, level: 300, isMeetBusiness: true, rejectReason: '', rejectReasonKeys: [], deleteReason: '', deleteReasonKeys: [] },
      });
      expect(reply.status).to.equal(200);
      expect(reply.body.data).to.deep.include({ outcome: 'APPLIED', changedFields: ['clientStatus', 'isMeetBusiness'] });
      const messageId = reply.body.data.callbacks[0].messageId as string;
      expect((await settled(messageId)).status).to.equal('DONE');
      expect(moneyPlus.received).to.have.length(1);
      const [callback] = moneyPlus.received;
      expect(callback!.headers['webhook-id']).to.equal(messageId);
      expect(callback!.json).to.deep.equal({
        event: 'KYC_STATUS_CHANGED',
        biz_id: 'MPLUS',
        uid: 'pending-ekyc',
        event_id: messageId,
        data: statusCallbackData(),
      });
      const verdict = verifyStandardWebhook(SECRET, callback!.headers as Record<string, string>, callback!.body, Math.floor(Date.now() / 1000));
      expect(verdict).to.deep.equal({ valid: true });
    });

    it('changes an unsubscribed user\'s profile, visible once subscribed, and queues no callback', async () => {
      const reply = await kycChanged({ eventId: 'evt-u', uid: 'unsubscribed', occurredAt: 1666755300, type: 'INFO', info: { nationality: 'SG' } });
      expect(reply.body.data).to.deep.include({ outcome: 'APPLIED', callbacks: [] });
      expect(await store().list({ limit: 10 })).to.deep.equal([]);
      const subscribe = { action: 'SUBSCRIBE', uid: 'unsubscribed', bizId: 'MPLUS' };
      expect((await postJson(`${midplat.baseUrl}/intranet/api/v1.0/moneyplus/Subscription`, subscribe, MONEYPLUS)).status).to.equal(200);
      expect((await queryFields('unsubscribed')).body.data.fields.nationality).to.equal('SG');
    });

    it('answers QueryFieldResult only for a uid subscribed to that bizId: else 404 SUBSCRIPTION_NOT_FOUND', async () => {
      const unsubscribed = await queryFields('unsubscribed');
      expect([unsubscribed.status, unsubscribed.body.error.errorCode]).to.deep.equal([404, 'SUBSCRIPTION_NOT_FOUND']);
      // Subscribed to MPLUS, not to OTHER: a partner reads only its own subscribers.
      const other = await postJson(`${midplat.baseUrl}/intranet/api/v1.0/moneyplus/QueryFieldResult`, { uid: 'approved-ekyc', bizId: 'OTHER' }, WIDE);
      expect([other.status, other.body.error?.errorCode]).to.deep.equal([404, 'SUBSCRIPTION_NOT_FOUND']);
      expect((await queryFields('approved-ekyc')).status).to.equal(200);
    });

    it('binds a Money+ token to its bizIds: another bizId, or a consumer without bizIds, gets 403 FORBIDDEN, writing nothing', async () => {
      const call = (operation: string, body: object, token: { acstkn: string }) =>
        postJson(`${midplat.baseUrl}/intranet/api/v1.0/moneyplus/${operation}`, body, token);
      const outcome = (reply: { status: number; body: { error?: { errorCode: string } } }) => [reply.status, reply.body.error?.errorCode];
      const subscribeOther = { action: 'SUBSCRIBE', uid: 'approved-ekyc', bizId: 'OTHER' };
      expect(outcome(await call('Subscription', subscribeOther, MONEYPLUS))).to.deep.equal([403, 'FORBIDDEN']);
      expect(outcome(await call('QueryFieldResult', { uid: 'approved-ekyc', bizId: 'OTHER' }, MONEYPLUS))).to.deep.equal([403, 'FORBIDDEN']);
      expect(outcome(await call('Subscription', { ...subscribeOther, bizId: 'MPLUS' }, NO_PARTNER))).to.deep.equal([403, 'FORBIDDEN']);
      expect(outcome(await call('QueryFieldResult', { uid: 'approved-ekyc', bizId: 'MPLUS' }, NO_PARTNER))).to.deep.equal([403, 'FORBIDDEN']);
      // Listed but not configured: the partner is unknown.
      expect(outcome(await call('Subscription', { ...subscribeOther, bizId: 'GONE' }, WIDE))).to.deep.equal([404, 'PARTNER_NOT_FOUND']);
      // Subscribing needs moneyplus:subscribe; reading does not grant it.
      expect(outcome(await call('Subscription', { ...subscribeOther, bizId: 'MPLUS' }, READ_ONLY))).to.deep.equal([403, 'FORBIDDEN']);
      expect(outcome(await call('QueryFieldResult', { uid: 'approved-ekyc', bizId: 'MPLUS' }, READ_ONLY))).to.deep.equal([200, undefined]);
      const subscriptions = await midplat.service.container.get<MoneyPlusSubscriptionRepository>(MoneyPlusSubscriptionRepository).bizIdsOf('approved-ekyc');
      expect(subscriptions).to.deep.equal(['MPLUS']);
    });

    it('refuses KycChanged to the Money+ token: only the KYC system has kyc:write', async () => {
      const reply = await postJson(`${midplat.baseUrl}/intranet/api/v1.0/kyc/KycChanged`, { eventId: 'evt-mp', uid: 'approved-ekyc', occurredAt: 1, type: 'WALLET', walletStatus: 'BANNED' }, MONEYPLUS);
      expect([reply.status, reply.body.error.errorCode]).to.deep.equal([403, 'FORBIDDEN']);
      expect(await store().list({ limit: 10 })).to.deep.equal([]);
      expect((await postJson(`${midplat.baseUrl}/intranet/api/v1.0/moneyplus/Entry`, { uid: 'approved-ekyc' }, MONEYPLUS)).body.data.route).to.equal('MONEYPLUS_REGISTRATION');
    });

    it('answers DUPLICATE to a repeated eventId and queues nothing more', async () => {
      const event = { eventId: 'evt-twice', uid: 'approved-ekyc', occurredAt: 1666755300, type: 'INFO', info: { name: 'Nur Aisyah' } };
      const first = await kycChanged(event);
      const second = await kycChanged({ ...event, info: { name: 'Someone Else' } });
      expect(first.body.data.outcome).to.equal('APPLIED');
      expect(second.body.data).to.deep.equal({ eventId: 'evt-twice', uid: 'approved-ekyc', outcome: 'DUPLICATE', changedFields: [], callbacks: [] });
      expect((await queryFields('approved-ekyc')).body.data.fields.name).to.equal('Nur Aisyah');
      expect(await store().list({ limit: 10 })).to.have.length(1);
    });

    it('sends an info callback for an approved case and none for a pending one', async () => {
      const pending = await kycChanged({ eventId: 'evt-p', uid: 'pending-ekyc', occurredAt: 1666755300, type: 'INFO', info: { industryCode: '47190' } });
      expect(pending.body.data).to.deep.include({ outcome: 'APPLIED', callbacks: [] });
      const approved = await kycChanged({ eventId: 'evt-a', uid: 'approved-ekyc', occurredAt: 1666755300, type: 'INFO', info: { industryCode: '47190', occupationCode: '20031' } });
      const messageId = approved.body.data.callbacks[0].messageId as string;
      expect((await settled(messageId)).status).to.equal('DONE');
      expect(moneyPlus.received.map((callback) => callback.json.uid)).to.deep.equal(['approved-ekyc']);
      expect(moneyPlus.received[0]!.json.data).to.deep.include({
        changed_fields: ['nature_of_business', 'occupation'],
        nature_of_business: '47190',
        occupation: '20031',
      });
    });

    it('takes the wallet\'s phone change for an eKYC user only', async () => {
      const full = await kycChanged({ eventId: 'evt-ph1', uid: 'approved-full', occurredAt: 1666755400, type: 'PHONE', phone: '+60111222333' });
      expect(full.body.data).to.deep.include({ outcome: 'NOT_EKYC', callbacks: [] });
      expect((await queryFields('approved-full')).body.data.fields.phone).to.equal(SITI_INFO.phone);
      const ekyc = await kycChanged({ eventId: 'evt-ph2', uid: 'approved-ekyc', occurredAt: 1666755400, type: 'PHONE', phone: '+60111222333' });
      expect(ekyc.body.data.outcome).to.equal('APPLIED');
      expect((await queryFields('approved-ekyc')).body.data.fields.phone).to.equal('+60111222333');
      await settled(ekyc.body.data.callbacks[0].messageId);
      expect(moneyPlus.received.map((callback) => (callback.json.data as Record<string, unknown>).changed_fields)).to.deep.equal([['phone']]);
    });

    it('retries a callback refused with retcode ≠ 0 under the same webhook-id, stops at maxAttempts and ends FAILED', async () => {
      moneyPlus.behaviour = { kind: 'retcode', retcode: 1 };
      const reply = await kycChanged({ eventId: 'evt-r', uid: 'approved-ekyc', occurredAt: 1666755300, type: 'INFO', info: { name: 'Nur Aisyah' } });
      const messageId = reply.body.data.callbacks[0].messageId as string;
      const message = await settled(messageId);
      expect(message).to.deep.include({ status: 'FAILED', attempts: MAX_ATTEMPTS, lastError: 'retcode 1' });
      expect(moneyPlus.received).to.have.length(MAX_ATTEMPTS);
      expect(new Set(moneyPlus.received.map((callback) => callback.headers['webhook-id']))).to.deep.equal(new Set([messageId]));
      for (const callback of moneyPlus.received) {
        expect(callback.json.event_id).to.equal(messageId);
        expect(verifyStandardWebhook(SECRET, callback.headers as Record<string, string>, callback.body, Math.floor(Date.now() / 1000)).valid).to.equal(true);
      }
    });

    it('stores what Money+ echoes masked: the attempt log, the message and the console never hold the personal data in clear', async () => {
      const echo = "name: Wang Xiaoming, phone +60123456789, <phone>+60123456789</phone> 'idNo': 'A123456789'";
      moneyPlus.behaviour = { kind: 'reply', status: 500, contentType: 'text/plain', body: echo };
      const reason = 'Customer at +60123456789 sent an expired IC 900101-14-5678';
      const status = { clientStatus: 4, level: 300, isMeetBusiness: false, rejectReason: reason, rejectReasonKeys: ['others'] };
      const reply = await kycChanged({ eventId: 'evt-pii', uid: 'approved-ekyc', occurredAt: 1666755263, type: 'STATUS', status });
      const messageId = reply.body.data.callbacks[0].messageId as string;
      expect(await settled(messageId)).to.deep.include({ status: 'FAILED', attempts: MAX_ATTEMPTS, lastError: 'HTTP 500' });
      // Money+ itself is sent the reason as it was given (SPEC 5.2).
      expect(moneyPlus.received[0]!.json.data).to.deep.include({ spay_reject_reason: reason });

      const clear = /Wang|Xiaoming|60123456789|A123456789|900101-14-5678/;
      const stored = await midplat.service.database.sequelize.query<{ response_excerpt: string; error: string }>(
        'SELECT response_excerpt, error FROM outbox_attempts WHERE message_id = ?',
        { replacements: [messageId], type: QueryTypes.SELECT },
      );
      expect(stored.map((row) => row.response_excerpt)).to.deep.equal(Array(MAX_ATTEMPTS).fill("name: Wan****ing, phone +60****789, <phone>+60****789</phone> 'idNo': 'A12****789'"));
      const ops = (path: string, body: object) => postJson(`${midplat.baseUrl}/ops/api${path}`, body, { acstkn: 'demo-ops-token' });
      const shown = await ops('/messages/get', { id: messageId });
      expect(shown.status).to.equal(200);
      expect(shown.body.data.attempts).to.have.length(MAX_ATTEMPTS);
      expect(JSON.stringify(shown.body.data.attempts)).not.to.match(clear);
      const history = await ops('/kyc/profile', { uid: 'approved-ekyc' });
      expect(history.status).to.equal(200);
      expect(JSON.stringify(history.body.data.history)).not.to.match(clear);
      expect(JSON.stringify(history.body.data.history)).to.contain('Customer at +60****789 sent an expired IC 900****678');
    });

    it('retries after a 404 and a timeout, then succeeds with the same webhook-id', async () => {
      moneyPlus.script = [{ kind: 'http-error', status: 404 }, { kind: 'hang' }, { kind: 'success' }];
      const reply = await kycChanged({ eventId: 'evt-s', uid: 'pending-ekyc', occurredAt: 1666755263, type: 'STATUS', status: { clientStatus: 4, level: 300, isMeetBusiness: false, rejectReason: 'reject by spp auto', rejectReasonKeys: ['others'] } });
      const messageId = reply.body.data.callbacks[0].messageId as string;
      expect(await settled(messageId)).to.deep.include({ status: 'DONE', attempts: 3 });
      expect(moneyPlus.received.map((callback) => callback.headers['webhook-id'])).to.deep.equal([messageId, messageId, messageId]);
      expect(moneyPlus.received[2]!.json.data).to.deep.include({ spay_reject_reason: 'reject by spp auto', spay_reject_reason_key: '' });
    });

    it("caps Money+'s Retry-After: 999999999 at the largest backoff, so the message and the uid's next one still go out", async () => {
      moneyPlus.script = [{ kind: 'http-error', status: 503, retryAfter: '999999999' }];
      const first = await kycChanged({ eventId: 'evt-ra1', uid: 'approved-ekyc', occurredAt: 1666755400, type: 'INFO', info: { name: 'Nur Aisyah' } });
      const second = await kycChanged({ eventId: 'evt-ra2', uid: 'approved-ekyc', occurredAt: 1666755500, type: 'INFO', info: { name: 'Nur Aisyah Binti Ali' } });
      const firstId = first.body.data.callbacks[0].messageId as string;
      const secondId = second.body.data.callbacks[0].messageId as string;
      expect(await settled(firstId)).to.deep.include({ status: 'DONE', attempts: 2 });
      expect(await settled(secondId)).to.deep.include({ status: 'DONE', attempts: 1 });
      expect(moneyPlus.received.map((callback) => callback.headers['webhook-id'])).to.deep.equal([firstId, firstId, secondId]);
    });

    it('subscribes through the API, then callbacks flow; unsubscribing stops them', async () => {
      const subscription = (action: string) => postJson(`${midplat.baseUrl}/intranet/api/v1.0/moneyplus/Subscription`, { action, uid: 'unsubscribed', bizId: 'MPLUS' }, MONEYPLUS);
      const subscribed = await subscription('SUBSCRIBE');
      expect(subscribed.body).to.deep.equal({
        success: true,
        data: { uid: 'unsubscribed', bizId: 'MPLUS', subscribed: true, kyc: { clientStatus: 3, level: 300, isMeetBusiness: true } },
      });
      const during = await kycChanged({ eventId: 'evt-d', uid: 'unsubscribed', occurredAt: 1000, type: 'INFO', info: { name: 'During' } });
      expect(during.body.data.callbacks).to.have.length(1);
      expect((await subscription('UNSUBSCRIBE')).body.data.subscribed).to.equal(false);
      const after = await kycChanged({ eventId: 'evt-a2', uid: 'unsubscribed', occurredAt: 2000, type: 'INFO', info: { name: 'After' } });
      expect(after.body.data.callbacks).to.deep.equal([]);
    });

    it('routes the Money+ entry and answers the field query with ic_type and has_pending_case', async () => {
      const entry = await postJson(`${midplat.baseUrl}/intranet/api/v1.0/moneyplus/Entry`, { uid: 'pending-ekyc' }, MONEYPLUS);
      expect(entry.body.data).to.deep.equal({ uid: 'pending-ekyc', route: 'KYC_STATUS_POPUP', popup: { kycStatus: 'PENDING', tag: 'EKYC', action: 'WAIT_FOR_REVIEW' } });
      expect((await postJson(`${midplat.baseUrl}/intranet/api/v1.0/moneyplus/Entry`, { uid: 'approved-ekyc' }, MONEYPLUS)).body.data.route).to.equal('MONEYPLUS_REGISTRATION');
      expect((await queryFields('pending-ekyc')).body.data).to.deep.equal({
        uid: 'pending-ekyc',
        bizId: 'MPLUS',
        fields: { name: SITI_INFO.name, phone: SITI_INFO.phone, nationality: 'MY', nature_of_business: '14220', ic_type: 'NRIC', has_pending_case: true },
      });
    });

    it('answers 401, 403, 400 and 404 in the camelCase envelope, writing nothing', async () => {
      const event = { eventId: 'evt-bad', uid: 'approved-ekyc', occurredAt: 1, type: 'STATUS' };
      const noToken = await postJson(`${midplat.baseUrl}/intranet/api/v1.0/kyc/KycChanged`, event);
      expect([noToken.status, noToken.body.error.errorCode]).to.deep.equal([401, 'UNAUTHORIZED']);
      const wrongScope = await postJson(`${midplat.baseUrl}/intranet/api/v1.0/moneyplus/QueryFieldResult`, { uid: 'x', bizId: 'MPLUS' }, KYC);
      expect([wrongScope.status, wrongScope.body.error.errorCode]).to.deep.equal([403, 'FORBIDDEN']);
      const missingStatus = await kycChanged(event);
      expect(missingStatus.status).to.equal(400);
      expect(missingStatus.body.error).to.deep.equal({ errorCode: 'VALIDATION_ERROR', errorMessage: 'status: is required' });
      const badLevel = await kycChanged({ ...event, status: { clientStatus: 3, level: 250, isMeetBusiness: true } });
      expect(badLevel.body.error.errorMessage).to.match(/^status\.level: /);
      const unknownPartner = await postJson(`${midplat.baseUrl}/intranet/api/v1.0/moneyplus/Subscription`, { action: 'SUBSCRIBE', uid: 'x', bizId: 'GONE' }, WIDE);
      expect([unknownPartner.status, unknownPartner.body.error.errorCode]).to.deep.equal([404, 'PARTNER_NOT_FOUND']);
      const unknownUser = await queryFields('no-profile');
      expect([unknownUser.status, unknownUser.body.error.errorCode]).to.deep.equal([404, 'KYC_PROFILE_NOT_FOUND']);
      expect(await store().list({ limit: 10 })).to.deep.equal([]);
    });

    it('never writes the phone or name of a KYC event into the logs', async () => {
      await kycChanged({ eventId: 'evt-pii', uid: 'approved-ekyc', occurredAt: 1666755300, type: 'INFO', info: { name: 'Nur Aisyah binti Kamal', phone: '+60199887766' } });
      await waitFor('the callback', () => moneyPlus.received.length === 1);
      const text = JSON.stringify(midplat.logs);
      expect(text).to.not.include('+60199887766');
      expect(text).to.not.include('Nur Aisyah binti Kamal');
      expect(text).to.not.include(SECRET.slice('whsec_'.length));
    });
  });
}
