import { expect } from 'chai';
import { Registry } from 'prom-client';
import { EsbMetrics } from '../../../adapters/metrics/EsbMetrics.js';
import { MeasuredAccountLevelGateway } from '../../../adapters/metrics/MeasuredAccountLevelGateway.js';
import { AccountLevelGatewayFailed, AccountLevelGatewayTimedOut } from '../../../core/upgrade-account/errors.js';
import type { DigitalLevelChange } from '../../../core/upgrade-account/ports.js';
import { InMemoryAccountLevelGateway } from '../../support/InMemoryAccountLevelGateway.js';
import { parsePrometheusText, sampleValue } from '../../support/prometheusText.js';
import { rejectionOf } from '../../support/rejectionOf.js';

const change: DigitalLevelChange = { transactionId: 'T1', accountId: 'A1', prodName: 'AC.DIGITAL.SAV', level: '1A', requestedAt: new Date() };

describe('MeasuredAccountLevelGateway', () => {
  let registry: Registry;
  beforeEach(() => {
    registry = new Registry();
  });
  const samples = async () => parsePrometheusText(await registry.metrics());

  it('passes the call through and counts its latency by outcome', async () => {
    const inner = new InMemoryAccountLevelGateway();
    const gateway = new MeasuredAccountLevelGateway(inner, new EsbMetrics(registry));
    await gateway.setDigitalLevel(change);
    await gateway.setDigitalLevel(change);
    expect(inner.calls).to.deep.equal([change, change]);
    const all = await samples();
    expect(sampleValue(all, 'midplat_esb_call_duration_seconds_count', { transaction: 'DA21', outcome: 'ok' })).to.equal(2);
    expect(all.filter((sample) => sample.name === 'midplat_esb_call_errors_total')).to.deep.equal([]);
  });

  it('rethrows the very error and counts it by code, a timeout apart from a failure', async () => {
    const refused = new AccountLevelGatewayFailed('RtrnCode 400');
    const timeout = new AccountLevelGatewayTimedOut(5000);
    const inner = new InMemoryAccountLevelGateway();
    const gateway = new MeasuredAccountLevelGateway(inner, new EsbMetrics(registry));
    for (const expected of [refused, timeout]) {
      inner.answer = expected;
      expect(await rejectionOf(gateway.setDigitalLevel(change))).to.equal(expected);
    }
    inner.answer = new Error('bug');
    expect((await rejectionOf(gateway.setDigitalLevel(change))).message).to.equal('bug');
    const all = await samples();
    expect(sampleValue(all, 'midplat_esb_call_duration_seconds_count', { outcome: 'failed' })).to.equal(2);
    expect(sampleValue(all, 'midplat_esb_call_duration_seconds_count', { outcome: 'timeout' })).to.equal(1);
    expect(sampleValue(all, 'midplat_esb_call_errors_total', { code: 'ESB_DA21_FAILED' })).to.equal(1);
    expect(sampleValue(all, 'midplat_esb_call_errors_total', { code: 'ESB_TIMEOUT' })).to.equal(1);
    expect(sampleValue(all, 'midplat_esb_call_errors_total', { code: 'UNEXPECTED' })).to.equal(1);
  });
});
