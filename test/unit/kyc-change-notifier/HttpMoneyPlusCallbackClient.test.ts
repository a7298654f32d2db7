import { expect } from 'chai';
import { ConfiguredMoneyPlusPartners } from '../../../adapters/money-plus/kyc-change-notifier/ConfiguredMoneyPlusPartners.js';
import { HttpMoneyPlusCallbackClient } from '../../../adapters/money-plus/kyc-change-notifier/HttpMoneyPlusCallbackClient.js';
import type { MoneyPlusSettings } from '../../../adapters/money-plus/kyc-change-notifier/MoneyPlusSettings.js';
import type { MoneyPlusCallbackPayload } from '../../../core/kyc-change-notifier/MoneyPlusCallback.js';
import type { OutboxDelivery } from '../../../core/shared/OutboxHandler.js';
import { SimulatedMoneyPlusCallbackClient } from '../../../plugins/money-plus-simulator/SimulatedMoneyPlusCallbackClient.js';
import { FakeMoneyPlusServer } from '../../support/FakeMoneyPlusServer.js';
import { freePort } from '../../support/freePort.js';
import { ManualClock } from '../../support/ManualClock.js';
import { verifyStandardWebhook } from '../../support/StandardWebhooksVerifier.js';
import { waitFor } from '../../support/waitFor.js';
import { statusCallbackData } from '../../support/statusCallbackData.js';

const SECRET = 'whsec_dGVzdC1tb25leXBsdXMtY2FsbGJhY2sta2V5LTAx';

const statusPayload: MoneyPlusCallbackPayload = {
  bizId: 'MPLUS',
  uid: '12345',
  event: 'KYC_STATUS_CHANGED',
  data: statusCallbackData(),
};

function delivery(attempt = 1, payload: MoneyPlusCallbackPayload = statusPayload): OutboxDelivery {
  return { id: '01a2b3c4-0000-7000-8000-000000000001', topic: 'moneyplus.callback', partitionKey: payload.uid, payload, attempt };
}

function settingsFor(callbackUrl: string, timeoutMs = 5000): MoneyPlusSettings {
  return {
    maxAttempts: 4,
    timeoutMs,
    partners: [{ bizId: 'MPLUS', secret: SECRET, callbackUrl, queryFields: ['name'] }],
  };
}

function clientFor(callbackUrl: string, clock = new ManualClock(), timeoutMs = 5000) {
  const settings = settingsFor(callbackUrl, timeoutMs);
  return new HttpMoneyPlusCallbackClient(settings, new ConfiguredMoneyPlusPartners(settings), clock);
}

const nowSeconds = (clock: ManualClock) => Math.floor(clock.now().getTime() / 1000);

describe('HttpMoneyPlusCallbackClient against a fake Money+ over real HTTP', () => {
  let moneyPlus: FakeMoneyPlusServer;

  beforeEach(async () => {
    moneyPlus = new FakeMoneyPlusServer();
    await moneyPlus.start();
  });

  afterEach(async () => {
    await moneyPlus.stop();
  });

  it('handles the moneyplus.callback topic with maxAttempts from moneyPlus.maxAttempts', () => {
    const client = clientFor(moneyPlus.url);
    expect(client.topic).to.equal('moneyplus.callback');
    expect(client.maxAttempts).to.equal(4);
  });

  it('POSTs the SPEC 5.2 body, signed per Standard Webhooks, and succeeds on 2xx {"retcode":0}', async () => {
    const clock = new ManualClock();
    const result = await clientFor(moneyPlus.url, clock).deliver(delivery());
    expect(result).to.deep.equal({ ok: true, reply: { httpStatus: 200, body: '{"retcode":0,"msg":"success"}' } });
    expect(moneyPlus.received).to.have.length(1);
    const [request] = moneyPlus.received;
    expect(request!.headers['content-type']).to.equal('application/json');
    expect(request!.headers['webhook-id']).to.equal(delivery().id);
    expect(request!.headers['webhook-timestamp']).to.equal(String(nowSeconds(clock)));
    expect(request!.json).to.deep.equal({ event: 'KYC_STATUS_CHANGED', biz_id: 'MPLUS', uid: '12345', event_id: delivery().id, data: statusPayload.data });
    expect(Object.keys(request!.json)).to.deep.equal(['event', 'biz_id', 'uid', 'event_id', 'data']);
    expect(verifyStandardWebhook(SECRET, request!.headers as Record<string, string>, request!.body, nowSeconds(clock))).to.deep.equal({ valid: true });
  });

  it('signs something the independent verifier refuses once the body is tampered with', async () => {
    const clock = new ManualClock();
    await clientFor(moneyPlus.url, clock).deliver(delivery());
    const [request] = moneyPlus.received;
    const tampered = request!.body.replace('"spay_kyc_client_status":3', '"spay_kyc_client_status":4');
    expect(verifyStandardWebhook(SECRET, request!.headers as Record<string, string>, tampered, nowSeconds(clock)).valid).to.equal(false);
  });

  it('keeps webhook-id on a retry but signs a fresh webhook-timestamp', async () => {
    const clock = new ManualClock();
    const client = clientFor(moneyPlus.url, clock);
    await client.deliver(delivery(1));
    clock.advance(300_000);
    await client.deliver(delivery(2));
    const [first, second] = moneyPlus.received;
    expect(second!.headers['webhook-id']).to.equal(first!.headers['webhook-id']);
    expect(Number(second!.headers['webhook-timestamp']) - Number(first!.headers['webhook-timestamp'])).to.equal(300);
    expect(second!.headers['webhook-signature']).to.not.equal(first!.headers['webhook-signature']);
    expect(verifyStandardWebhook(SECRET, second!.headers as Record<string, string>, second!.body, nowSeconds(clock))).to.deep.equal({ valid: true });
  });

  it('reports a failed attempt when Money+ answers retcode ≠ 0', async () => {
    moneyPlus.behaviour = { kind: 'retcode', retcode: 1001 };
    const result = await clientFor(moneyPlus.url).deliver(delivery());
    expect(result).to.deep.equal({ ok: false, error: 'retcode 1001', reply: { httpStatus: 200, body: '{"retcode":1001,"msg":"refused"}' } });
  });

  it('reports a failed attempt on 404', async () => {
    moneyPlus.behaviour = { kind: 'http-error', status: 404 };
    expect(await clientFor(moneyPlus.url).deliver(delivery())).to.deep.equal({ ok: false, error: 'HTTP 404', reply: { httpStatus: 404, body: 'error' } });
  });

  it('reports a 5xx with the receiver\'s Retry-After in milliseconds', async () => {
    moneyPlus.behaviour = { kind: 'http-error', status: 503, retryAfter: '120' };
    expect(await clientFor(moneyPlus.url).deliver(delivery())).to.deep.equal({
      ok: false,
      error: 'HTTP 503',
      retryAfterMs: 120_000,
      reply: { httpStatus: 503, body: 'error' },
    });
  });

  it('reads a Retry-After given as an HTTP date', async () => {
    const clock = new ManualClock(new Date('2026-11-23T08:00:00Z'));
    moneyPlus.behaviour = { kind: 'http-error', status: 429, retryAfter: 'Mon, 23 Nov 2026 08:10:00 GMT' };
    expect(await clientFor(moneyPlus.url, clock).deliver(delivery())).to.deep.equal({
      ok: false,
      error: 'HTTP 429',
      retryAfterMs: 600_000,
      reply: { httpStatus: 429, body: 'error' },
    });
  });

  it('reports a failed attempt when Money+ hangs past moneyPlus.timeoutMs', async () => {
    moneyPlus.behaviour = { kind: 'hang' };
    expect(await clientFor(moneyPlus.url, new ManualClock(), 200).deliver(delivery())).to.deep.equal({ ok: false, error: 'no reply within 200 ms' });
  });

  it('reports a failed attempt when the reply is not JSON', async () => {
    moneyPlus.behaviour = { kind: 'garbage' };
    const result = await clientFor(moneyPlus.url).deliver(delivery());
    expect(result.ok).to.equal(false);
    expect((result as { error: string }).error).to.match(/not JSON/);
  });

  it('reports a failed attempt when the connection is refused', async () => {
    const port = await freePort();
    expect(await clientFor(`http://127.0.0.1:${port}/callback`).deliver(delivery())).to.deep.equal({ ok: false, error: 'connection refused' });
  });

  it('masks the personal data a partner echoes, in the reply it hands on and in the error, before anyone stores it', async () => {
    const echo = "name: Wang Xiaoming, phone +60123456789, <phone>+60123456789</phone> 'idNo': 'A123456789'";
    moneyPlus.behaviour = { kind: 'reply', status: 500, contentType: 'text/plain', body: echo };
    expect(await clientFor(moneyPlus.url).deliver(delivery())).to.deep.equal({
      ok: false,
      error: 'HTTP 500',
      reply: { httpStatus: 500, body: "name: Wan****ing, phone +60****789, <phone>+60****789</phone> 'idNo': 'A12****789'" },
    });
    moneyPlus.behaviour = { kind: 'reply', status: 200, contentType: 'application/json', body: JSON.stringify({ retcode: '+60123456789', nric: '900101-14-5678' }) };
    const refused = await clientFor(moneyPlus.url).deliver(delivery());
    expect(JSON.stringify(refused)).not.to.match(/60123456789|900101-14-5678/);
    expect(refused).to.deep.include({ ok: false, error: 'retcode "+60****789"' });
  });

  it('reads no more of a reply than the 1 KiB kept, and drops the connection of one that never ends', async () => {
    moneyPlus.behaviour = { kind: 'endless', status: 500, chunk: 'phone +60123456789, '.repeat(800) };
    const result = await clientFor(moneyPlus.url).deliver(delivery());
    expect(result).to.deep.include({ ok: false, error: 'HTTP 500' });
    const body = (result as { reply: { body: string } }).reply.body;
    expect(Buffer.byteLength(body)).to.be.at.most(1024).and.at.least(800);
    expect(body).not.to.match(/\d{6}/);
    await waitFor('Money+ to see its endless reply abandoned', () => moneyPlus.abandonedReplies === 1);
  });

  it('fails a 2xx reply longer than 1 KiB without reading it further', async () => {
    moneyPlus.behaviour = { kind: 'reply', status: 200, contentType: 'application/json', body: JSON.stringify({ retcode: 0, padding: 'x'.repeat(2000) }) };
    expect(await clientFor(moneyPlus.url).deliver(delivery())).to.deep.include({ ok: false, error: 'HTTP 200 with a reply over 1024 bytes' });
  });

  it('reports a failed attempt for a partner that is no longer configured, without calling anyone', async () => {
    const result = await clientFor(moneyPlus.url).deliver(delivery(1, { ...statusPayload, bizId: 'GONE' }));
    expect(result).to.deep.equal({ ok: false, error: 'no Money+ partner "GONE" is configured' });
    expect(moneyPlus.received).to.have.length(0);
  });
});

describe('SimulatedMoneyPlusCallbackClient', () => {
  function simulator(clock = new ManualClock()) {
    const settings = settingsFor('http://127.0.0.1:9/unused');
    return new SimulatedMoneyPlusCallbackClient(settings, new ConfiguredMoneyPlusPartners(settings), clock);
  }

  it('answers a correctly signed callback with success and keeps the request it would have sent', async () => {
    const clock = new ManualClock();
    const client = simulator(clock);
    expect(await client.deliver(delivery())).to.deep.equal({ ok: true, reply: { httpStatus: 200, body: '{"retcode":0,"msg":"success"}' } });
    const [request] = client.received;
    expect(verifyStandardWebhook(SECRET, request!.headers, request!.body, nowSeconds(clock))).to.deep.equal({ valid: true });
  });

  it('fails callbacks of uids starting with MPFAIL, for demos of retries', async () => {
    const result = await simulator().deliver(delivery(1, { ...statusPayload, uid: 'MPFAIL0007' }));
    expect(result).to.deep.equal({ ok: false, error: 'retcode 1', reply: { httpStatus: 200, body: '{"retcode":1,"msg":"simulated failure"}' } });
  });

  it('refuses every automatic attempt of an MPFAIL message (maxAttempts) and accepts the one after, an operator retry', async () => {
    const client = simulator();
    const payload = { ...statusPayload, uid: 'MPFAIL0007' };
    for (let attempt = 1; attempt <= client.maxAttempts; attempt += 1) expect((await client.deliver(delivery(attempt, payload))).ok, `attempt ${attempt}`).to.equal(false);
    expect((await client.deliver(delivery(1, payload))).ok).to.equal(true);
  });

  it('answers MPBUSY callbacks 503 with a Retry-After, so a demo message waits to retry', async () => {
    const result = await simulator().deliver(delivery(1, { ...statusPayload, uid: 'MPBUSY0008' }));
    expect(result).to.deep.equal({ ok: false, error: 'HTTP 503', retryAfterMs: 300_000, reply: { httpStatus: 503, body: '{"retcode":503,"msg":"simulated busy"}' } });
  });
});
