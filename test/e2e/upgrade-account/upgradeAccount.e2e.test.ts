import { expect } from 'chai';
import { FixtureLoader } from '../../../adapters/persistence/fixtures/FixtureLoader.js';
import { defineUpgradeAccountModels } from '../../../adapters/persistence/upgrade-account/upgradeAccountModels.js';
import { FakeEsbServer } from '../../support/FakeEsbServer.js';
import { postJson } from '../../support/http.js';
import { startTestService, type TestService } from '../../support/startTestService.js';
import { DATABASE_KINDS } from '../../support/testDatabases.js';
import { aMemberFixture, type MemberFixtureItem } from '../../support/MemberMother.js';
import { watchServerRequests } from '../../support/serverRequests.js';
import { waitFor } from '../../support/waitFor.js';
import type { EddaStatus } from '../../../core/upgrade-account/EddaStatus.js';

const PATH = '/intranet/api/v1.0/UpgradeAccount/IVRCheckUpgradeAccount';
const IVR = { acstkn: 'demo-ivr-token' };
/** The hang test waits this long; shorter, a loaded machine's DB and HTTP work alone could exceed it and turn a success into a 504. */
const ESB_TIMEOUT_MS = 3000;
let nextMember = 0;

for (const kind of DATABASE_KINDS) {
  describe(`UpgradeAccount over HTTP on ${kind}`, () => {
    let esb: FakeEsbServer;
    let midplat: TestService;

    before(async () => {
      esb = new FakeEsbServer();
      const esbUrl = await esb.start();
      midplat = await startTestService(kind, {
        esb: { adapter: 'http', url: esbUrl, timeoutMs: ESB_TIMEOUT_MS },
        http: { bodyLimitBytes: 2048 },
      });
    });

    after(async () => {
      await midplat.stop();
      await esb.stop();
    });

    beforeEach(() => {
      esb.behaviour = { kind: 'success' };
      esb.requests.length = 0;
    });

    /** A new member in the given EDDA state; ids never repeat across tests. */
    async function aLoadedMember(eddaStatus: EddaStatus = 'EDDASuccess', details: Partial<MemberFixtureItem> = {}): Promise<string> {
      nextMember += 1;
      const memberId = `E2E${String(nextMember).padStart(6, '0')}`;
      await midplat.service.container.get(FixtureLoader).load({
        members: [aMemberFixture({ memberId, eddaStatus, ...details })],
      });
      return memberId;
    }

    async function stateOf(memberId: string): Promise<{ level: string; status: string }> {
      const { Member, EddaCheck } = midplat.service.database.models(defineUpgradeAccountModels);
      const member = await Member.findByPk(memberId);
      const check = await EddaCheck.findOne({ where: { member_id: memberId }, order: [['id', 'DESC']] });
      return { level: member!.get().digital_level, status: check!.get().status };
    }

    it('upgrades the account: DA21 AcctInfoMod with the configured header and level, then success', async () => {
      const memberId = await aLoadedMember();
      const reply = await postJson(`${midplat.baseUrl}${PATH}`, { memberId, isPass: true }, IVR);
      expect(reply.status).to.equal(200);
      expect(reply.body).to.deep.equal({ success: true, data: {} });
      expect(esb.requests).to.have.length(1);
      const request = esb.requests[0] as { amheader: Record<string, string>; ambody: unknown };
      expect(request.amheader).to.include({ ChannelID: 'BMD', ServiceDomain: 'DepositAccount', OperationName: 'AcctInfoMod', ConsumerID: 'TWBMD' });
      expect(request.amheader.TransactionID).to.match(/^MPUPG\d{12}$/);
      expect(request.amheader.RqTimestamp).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d\d\+08:00$/);
      expect(request.ambody).to.deep.equal({
        AcctInfoModRq: { ServiceHeader: { TxnId: 'DA21' }, CustInfo: { ArrngId: aMemberFixture({ memberId }).accountId, ProdName: 'AC.DIGITAL.SAV', AcctInfo: { DgtlLvl: '1A' } } },
      });
      expect(await stateOf(memberId)).to.deep.equal({ level: '1A', status: 'CustomerSuccess' });
    });

    it('serves the same handler under the /ap1 prefix of seed 000', async () => {
      const memberId = await aLoadedMember();
      const reply = await postJson(`${midplat.baseUrl}/ap1${PATH}`, { memberId, isPass: false }, IVR);
      expect(reply.status).to.equal(200);
      expect(esb.requests).to.have.length(0);
      expect(await stateOf(memberId)).to.deep.equal({ level: '2B', status: 'CustomerFailure' });
    });

    it('answers 502 ESB_DA21_FAILED when RtrnCode is not 200, changes nothing, and a retry reuses the TransactionID', async () => {
      const memberId = await aLoadedMember();
      esb.behaviour = { kind: 'refuse', rtrnCode: '500' };
      const failed = await postJson(`${midplat.baseUrl}${PATH}`, { memberId, isPass: true }, IVR);
      expect(failed.status).to.equal(502);
      expect(failed.body.success).to.equal(false);
      expect(failed.body.error.error_code).to.equal('ESB_DA21_FAILED');
      expect(failed.body.error.error_message).to.be.a('string');
      expect(await stateOf(memberId)).to.deep.equal({ level: '2B', status: 'EDDASuccess' });

      esb.behaviour = { kind: 'success' };
      const retried = await postJson(`${midplat.baseUrl}${PATH}`, { memberId, isPass: true }, IVR);
      expect(retried.status).to.equal(200);
      const ids = esb.requests.map((request) => (request.amheader as Record<string, string>).TransactionID);
      expect(ids).to.have.length(2);
      expect(ids[0]).to.equal(ids[1]);
      expect(await stateOf(memberId)).to.deep.equal({ level: '1A', status: 'CustomerSuccess' });
    });

    it("answers every 502 with one fixed message and logs the ESB's own text instead", async () => {
      const memberId = await aLoadedMember();
      esb.behaviour = { kind: 'refuse', rtrnCode: '400', rtrnDesc: 'ACCT LOCKED BY BRANCH 0042 OPERATOR TSAI' };
      const refused = await postJson(`${midplat.baseUrl}${PATH}`, { memberId, isPass: true }, { ...IVR, 'x-request-id': `esb-text-${kind}` });
      esb.behaviour = { kind: 'garbage' };
      const unreadable = await postJson(`${midplat.baseUrl}${PATH}`, { memberId, isPass: true }, IVR);
      for (const reply of [refused, unreadable]) {
        expect(reply.status).to.equal(502);
        expect(reply.body.error).to.deep.equal({ error_code: 'ESB_DA21_FAILED', error_message: 'The core banking system did not complete the request' });
      }
      const logged = midplat.logs.find((line) => line.requestId === `esb-text-${kind}` && line.msg === 'request failed');
      expect(JSON.stringify(logged)).to.contain('ACCT LOCKED BY BRANCH');
    });

    it('answers 502 when the ESB reply cannot be read', async () => {
      const memberId = await aLoadedMember();
      esb.behaviour = { kind: 'garbage' };
      const reply = await postJson(`${midplat.baseUrl}${PATH}`, { memberId, isPass: true }, IVR);
      expect(reply.status).to.equal(502);
      expect(reply.body.error.error_code).to.equal('ESB_DA21_FAILED');
      expect(await stateOf(memberId)).to.deep.equal({ level: '2B', status: 'EDDASuccess' });
    });

    it('answers 504 ESB_TIMEOUT when the ESB hangs past the timeout, and changes nothing', async () => {
      const memberId = await aLoadedMember();
      esb.behaviour = { kind: 'hang' };
      const reply = await postJson(`${midplat.baseUrl}${PATH}`, { memberId, isPass: true }, IVR);
      expect(reply.status).to.equal(504);
      expect(reply.body).to.deep.equal({
        success: false,
        error: { error_code: 'ESB_TIMEOUT', error_message: `ESB DA21 did not answer within ${ESB_TIMEOUT_MS} ms` },
      });
      expect(await stateOf(memberId)).to.deep.equal({ level: '2B', status: 'EDDASuccess' });
      const { UpgradeReview } = midplat.service.database.models(defineUpgradeAccountModels);
      const audit = await UpgradeReview.findAll({ where: { member_id: memberId } });
      expect(audit.map((row) => row.get('outcome'))).to.deep.equal(['ESB_TIMEOUT']);
    });

    it('makes exactly one DA21 call when concurrent requests arrive for one member', async () => {
      const memberId = await aLoadedMember();
      // DA21 answers only once all six requests are inside the service: they overlap, whatever the machine's speed.
      const answerDa21 = esb.holdReplies();
      const arrivals = watchServerRequests(Number(new URL(midplat.baseUrl).port), PATH);
      try {
        const replying = Promise.all(Array.from({ length: 6 }, () => postJson(`${midplat.baseUrl}${PATH}`, { memberId, isPass: true }, IVR)));
        await waitFor('the DA21 call', () => esb.requests.length > 0);
        await waitFor('all six requests to reach the service', () => arrivals.received() === 6);
        answerDa21();
        const replies = await replying;
        expect(replies.map((reply) => reply.status)).to.deep.equal([200, 200, 200, 200, 200, 200]);
      } finally {
        arrivals.stop();
        answerDa21();
      }
      expect(esb.requests).to.have.length(1);
      expect(await stateOf(memberId)).to.deep.equal({ level: '1A', status: 'CustomerSuccess' });
    });

    it('answers 404 CUSTOMER_INFO_NOT_FOUND, 409 EDDA_NOT_VERIFIED and 409 UPGRADE_ALREADY_DECIDED', async () => {
      const unknown = await postJson(`${midplat.baseUrl}${PATH}`, { memberId: 'NO-SUCH-MEMBER', isPass: true }, IVR);
      expect([unknown.status, unknown.body.error.error_code]).to.deep.equal([404, 'CUSTOMER_INFO_NOT_FOUND']);

      const fresh = await aLoadedMember('New');
      const notVerified = await postJson(`${midplat.baseUrl}${PATH}`, { memberId: fresh, isPass: true }, IVR);
      expect([notVerified.status, notVerified.body.error.error_code]).to.deep.equal([409, 'EDDA_NOT_VERIFIED']);

      const decided = await aLoadedMember('CustomerFailure');
      const conflict = await postJson(`${midplat.baseUrl}${PATH}`, { memberId: decided, isPass: true }, IVR);
      expect([conflict.status, conflict.body.error.error_code]).to.deep.equal([409, 'UPGRADE_ALREADY_DECIDED']);
      expect(esb.requests).to.have.length(0);
    });

    if (kind === 'sqlite') {
      it('refuses a missing or unknown token with 401 and a token without the scope with 403', async () => {
        const memberId = await aLoadedMember();
        const missing = await postJson(`${midplat.baseUrl}${PATH}`, { memberId, isPass: true });
        expect([missing.status, missing.body.error.error_code]).to.deep.equal([401, 'UNAUTHORIZED']);
        const unknown = await postJson(`${midplat.baseUrl}${PATH}`, { memberId, isPass: true }, { acstkn: 'not-a-token' });
        expect([unknown.status, unknown.body.error.error_code]).to.deep.equal([401, 'UNAUTHORIZED']);
        const wrongScope = await postJson(`${midplat.baseUrl}${PATH}`, { memberId, isPass: true }, { acstkn: 'demo-cs-token' });
        expect([wrongScope.status, wrongScope.body.error.error_code]).to.deep.equal([403, 'FORBIDDEN']);
        expect(await stateOf(memberId)).to.deep.equal({ level: '2B', status: 'EDDASuccess' });
      });

      it('refuses bad bodies with a clear 4xx and writes nothing', async () => {
        const memberId = await aLoadedMember();
        const url = `${midplat.baseUrl}${PATH}`;
        const wrongType = await postJson(url, { memberId, isPass: 'yes' }, IVR);
        expect(wrongType.status).to.equal(400);
        expect(wrongType.body.error).to.deep.equal({ error_code: 'VALIDATION_ERROR', error_message: 'isPass: must be boolean' });
        const missing = await postJson(url, { isPass: true }, IVR);
        expect(missing.body.error).to.deep.equal({ error_code: 'VALIDATION_ERROR', error_message: 'memberId: is required' });
        const tooLong = await postJson(url, { memberId: 'x'.repeat(65), isPass: true }, IVR);
        expect(tooLong.body.error.error_message).to.match(/^memberId: /);
        const extra = await postJson(url, { memberId, isPass: true, level: '1A' }, IVR);
        expect(extra.body.error.error_message).to.equal('level: is not an accepted field');
        const malformed = await postJson(url, '{"memberId": ', IVR);
        expect([malformed.status, malformed.body.error.error_code]).to.deep.equal([400, 'MALFORMED_JSON']);
        const notAnObject = await postJson(url, '[1,2]', IVR);
        expect([notAnObject.status, notAnObject.body.error.error_code]).to.deep.equal([400, 'VALIDATION_ERROR']);
        const textPlain = await fetch(url, { method: 'POST', headers: { ...IVR, 'content-type': 'text/plain' }, body: JSON.stringify({ memberId, isPass: true }) });
        expect(textPlain.status).to.equal(415);
        expect(((await textPlain.json()) as { error: { error_code: string } }).error.error_code).to.equal('UNSUPPORTED_MEDIA_TYPE');
        const huge = await postJson(url, { memberId, isPass: true, padding: 'x'.repeat(4096) }, IVR);
        expect([huge.status, huge.body.error.error_code]).to.deep.equal([413, 'PAYLOAD_TOO_LARGE']);
        expect(esb.requests).to.have.length(0);
        expect(await stateOf(memberId)).to.deep.equal({ level: '2B', status: 'EDDASuccess' });
      });

      it('echoes a caller X-Request-Id and makes one otherwise', async () => {
        const echoed = await postJson(`${midplat.baseUrl}${PATH}`, { memberId: 'x', isPass: true }, { ...IVR, 'x-request-id': 'ivr-20261123-0001' });
        expect(echoed.headers.get('x-request-id')).to.equal('ivr-20261123-0001');
        const generated = await postJson(`${midplat.baseUrl}${PATH}`, { memberId: 'x', isPass: true }, IVR);
        expect(generated.headers.get('x-request-id')).to.match(/^[0-9a-f-]{36}$/);
        const unsafe = await postJson(`${midplat.baseUrl}${PATH}`, { memberId: 'x', isPass: true }, { ...IVR, 'x-request-id': 'a b<script>' });
        expect(unsafe.headers.get('x-request-id')).to.match(/^[0-9a-f-]{36}$/);
      });

      it('answers unknown routes with a 404 envelope, and serves /healthz and /readyz', async () => {
        const missing = await postJson(`${midplat.baseUrl}/intranet/api/v1.0/nothing`, {}, IVR);
        expect([missing.status, missing.body.error.errorCode]).to.deep.equal([404, 'NOT_FOUND']);
        expect((await fetch(`${midplat.baseUrl}/healthz`)).status).to.equal(200);
        const ready = await fetch(`${midplat.baseUrl}/readyz`);
        expect([ready.status, await ready.json()]).to.deep.equal([200, { status: 'ready' }]);
      });

      it('writes JSON log lines with the request id and no token or personal data', async () => {
        // Personal data goes through the service: the member's account goes to DA21, and the core
        // bank's refusal, which reaches the error log, repeats the account, the ID and the phone.
        const memberId = await aLoadedMember('EDDASuccess', { accountId: 'AA55501234567', idno: 'L123450987', phone: '0987650123', name: '林小華' });
        esb.behaviour = { kind: 'refuse', rtrnCode: 'E901', rtrnDesc: 'account AA55501234567 frozen: holder L123450987, phone 0987650123' };
        const refused = await postJson(`${midplat.baseUrl}${PATH}`, { memberId, isPass: true }, { ...IVR, 'x-request-id': 'log-check-1' });
        expect([refused.status, refused.body.error.error_code]).to.deep.equal([502, 'ESB_DA21_FAILED']);
        expect(JSON.stringify(esb.requests)).to.contain('AA55501234567');
        const lines = midplat.logs.filter((entry) => entry.requestId === 'log-check-1');
        expect(lines.map((entry) => entry.msg)).to.include.members(['request failed', 'request']);
        expect(lines.find((entry) => entry.msg === 'request')).to.include({ status: 502, consumer: 'ivr', route: PATH });
        expect(JSON.stringify(lines.find((entry) => entry.msg === 'request failed'))).to.contain('E901');
        const everything = JSON.stringify(midplat.logs);
        for (const secret of ['demo-ivr-token', 'AA55501234567', 'L123450987', '0987650123', '林小華', 'A123456789', '0912345678', '王小明']) {
          expect(everything).to.not.contain(secret);
        }
      });
    }
  });
}
