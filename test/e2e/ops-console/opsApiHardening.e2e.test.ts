import { expect } from 'chai';
import { SIGN_IN_THROTTLE_LIMITS } from '../../../adapters/http/SignInThrottle.js';
import { postJson } from '../../support/http.js';
import { parsePrometheusText, sampleValue } from '../../support/prometheusText.js';
import { startTestService, type TestService } from '../../support/startTestService.js';
import { waitFor } from '../../support/waitFor.js';

const OPS = { acstkn: 'demo-ops-token' };
const WRONG = { acstkn: 'not-the-ops-token' };

/** The console's API as an attacker or a careless proxy sees it (SPEC 8.1): no caching, no sniffing, no token guessing at speed. */
describe('ops API hardening (e2e)', function () {
  this.timeout(60000);
  let app: TestService;
  const whoami = (headers: Record<string, string>) => postJson(`${app.baseUrl}/ops/api/whoami`, {}, headers);
  const refusals = async (outcome: string) =>
    sampleValue(parsePrometheusText(await (await fetch(`${app.baseUrl}/metrics`)).text()), 'midplat_http_signin_refusals_total', { outcome });

  before(async () => {
    app = await startTestService('sqlite', {}, { demo: true });
  });
  after(() => app?.stop());

  it('answers every /ops/api call, success or failure, with Cache-Control: no-store and nosniff', async () => {
    const answers = [
      await whoami(OPS),
      await postJson(`${app.baseUrl}/ops/api/messages/search`, { status: 'FAILED' }, OPS),
      await postJson(`${app.baseUrl}/ops/api/messages/get`, { id: '0192e6a0-0000-7000-8000-0000000000ff' }, OPS),
      await postJson(`${app.baseUrl}/ops/api/messages/search`, { status: 'NOPE' }, OPS),
      await whoami({}),
      await postJson(`${app.baseUrl}/ops/api/no-such-endpoint`, {}, OPS),
    ];
    expect(answers.map((answer) => answer.status)).to.deep.equal([200, 200, 404, 400, 401, 404]);
    for (const answer of answers) {
      expect(answer.headers.get('cache-control')).to.equal('no-store');
      expect(answer.headers.get('x-content-type-options')).to.equal('nosniff');
    }
  });

  it('bars an address that keeps presenting wrong tokens: 429 with a Retry-After that grows, counted in /metrics', async () => {
    const { freeFailures } = SIGN_IN_THROTTLE_LIMITS;
    // Missing tokens guess nothing and are not counted.
    for (let n = 0; n < freeFailures + 5; n += 1) expect((await whoami({})).status).to.equal(401);
    for (let n = 0; n <= freeFailures; n += 1) expect((await whoami(WRONG)).status, `wrong token ${n + 1}`).to.equal(401);
    expect(await refusals('unauthorized')).to.equal(freeFailures + 1);

    // Barred: even the right token waits, or guessing would go on at full speed. The bar is 1 s, then 2 s, then 4 s:
    // each is waited out (the right token answered 200 again), so the third shows the growth with seconds of room.
    const barred = await whoami(OPS);
    expect([barred.status, barred.body.error?.errorCode, barred.headers.get('retry-after')]).to.deep.equal([429, 'TOO_MANY_REQUESTS', '1']);
    for (const bar of ['2 s', '4 s']) {
      await waitFor('the bar to lift', async () => (await whoami(OPS)).status === 200, 10000);
      expect((await whoami(WRONG)).status, `the wrong token that sets the ${bar} bar`).to.equal(401);
    }
    const longer = await whoami(OPS);
    expect(longer.status).to.equal(429);
    expect(Number(longer.headers.get('retry-after'))).to.be.within(3, 4);
    expect(await refusals('unauthorized')).to.equal(freeFailures + 3);
    expect(await refusals('throttled')).to.be.at.least(2);
  });
});
