import { expect } from 'chai';
import { FakeEsbServer } from '../../support/FakeEsbServer.js';
import { postJson } from '../../support/http.js';
import { parsePrometheusText, sampleValue, type Sample } from '../../support/prometheusText.js';
import { startTestService, type TestService } from '../../support/startTestService.js';

const UPGRADE = '/intranet/api/v1.0/UpgradeAccount/IVRCheckUpgradeAccount';
const IVR = { acstkn: 'demo-ivr-token' };

async function scrape(app: TestService): Promise<{ text: string; samples: Sample[]; contentType: string | null }> {
  const response = await fetch(`${app.baseUrl}/metrics`);
  expect(response.status).to.equal(200);
  const text = await response.text();
  return { text, samples: parsePrometheusText(text), contentType: response.headers.get('content-type') };
}

describe('GET /metrics (e2e)', function () {
  this.timeout(30000);

  describe('with the ESB simulator', () => {
    let app: TestService;
    before(async () => {
      app = await startTestService('sqlite', { demo: { loadOnStart: true } });
    });
    after(() => app?.stop());

    it('labels HTTP latency with the route template and status, never the raw URL', async () => {
      expect((await postJson(`${app.baseUrl}${UPGRADE}`, { memberId: 'M0000000001', isPass: true }, IVR)).status).to.equal(200);
      expect((await postJson(`${app.baseUrl}${UPGRADE}`, { memberId: 'NOBODY', isPass: true }, IVR)).status).to.equal(404);
      expect((await fetch(`${app.baseUrl}/no/such/member/A123456789?x=1`)).status).to.equal(404);
      const { text, samples, contentType } = await scrape(app);
      expect(contentType).to.match(/^text\/plain/);
      const count = (labels: Record<string, string>) => sampleValue(samples, 'midplat_http_request_duration_seconds_count', labels);
      expect(count({ method: 'POST', route: UPGRADE, status: '200' })).to.equal(1);
      expect(count({ method: 'POST', route: UPGRADE, status: '404' })).to.equal(1);
      expect(count({ method: 'GET', route: '(unmatched)', status: '404' })).to.equal(1);
      expect(text).not.to.contain('/no/such/member');
      expect(text).not.to.contain('A123456789');
    });

    it('measures DA21 calls made by the simulator, with refusals counted as errors', async () => {
      const before = (await scrape(app)).samples;
      expect((await postJson(`${app.baseUrl}${UPGRADE}`, { memberId: 'M0000000002', isPass: true }, IVR)).status).to.equal(200);
      expect((await postJson(`${app.baseUrl}${UPGRADE}`, { memberId: 'M0000000005', isPass: true }, IVR)).status).to.equal(502);
      const after = (await scrape(app)).samples;
      const delta = (name: string, labels: Record<string, string>) => sampleValue(after, name, labels) - sampleValue(before, name, labels);
      expect(delta('midplat_esb_call_duration_seconds_count', { transaction: 'DA21', outcome: 'ok' })).to.equal(1);
      expect(delta('midplat_esb_call_duration_seconds_count', { transaction: 'DA21', outcome: 'failed' })).to.equal(1);
      expect(delta('midplat_esb_call_errors_total', { transaction: 'DA21', code: 'ESB_DA21_FAILED' })).to.equal(1);
    });

    it('says the process is ready and how old the oldest PENDING callback is', async () => {
      const { samples } = await scrape(app);
      expect(sampleValue(samples, 'midplat_ready', {})).to.equal(1);
      expect(sampleValue(samples, 'midplat_outbox_oldest_pending_age_seconds', {})).to.be.at.least(0);
      expect(samples.map((sample) => sample.name)).to.include('midplat_outbox_oldest_pending_age_seconds');
    });

    it('exposes the default process metrics', async () => {
      const { samples } = await scrape(app);
      const names = new Set(samples.map((sample) => sample.name));
      for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_seconds']) {
        expect(names, name).to.include(name);
      }
    });
  });

  describe('with the HTTP ESB adapter', () => {
    let esb: FakeEsbServer;
    let app: TestService;
    before(async () => {
      esb = new FakeEsbServer();
      const url = await esb.start();
      app = await startTestService('sqlite', { demo: { loadOnStart: true }, esb: { adapter: 'http', url, timeoutMs: 1500 } }); // the 502 below must come before the deadline, even on a loaded machine
    });
    after(async () => {
      await app?.stop();
      await esb?.stop();
    });

    it('measures DA21 timeouts apart from failures', async () => {
      esb.behaviour = { kind: 'hang' };
      expect((await postJson(`${app.baseUrl}${UPGRADE}`, { memberId: 'M0000000001', isPass: true }, IVR)).status).to.equal(504);
      esb.behaviour = { kind: 'http-error', status: 500 };
      expect((await postJson(`${app.baseUrl}${UPGRADE}`, { memberId: 'M0000000001', isPass: true }, IVR)).status).to.equal(502);
      const { samples } = await scrape(app);
      expect(sampleValue(samples, 'midplat_esb_call_duration_seconds_count', { transaction: 'DA21', outcome: 'timeout' })).to.equal(1);
      expect(sampleValue(samples, 'midplat_esb_call_duration_seconds_count', { transaction: 'DA21', outcome: 'failed' })).to.equal(1);
      expect(sampleValue(samples, 'midplat_esb_call_errors_total', { transaction: 'DA21', code: 'ESB_TIMEOUT' })).to.equal(1);
      expect(esb.requests).to.have.length(2);
    });
  });
});
