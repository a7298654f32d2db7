import { expect } from 'chai';
import { Webhook } from 'standardwebhooks';
import { ConfiguredMoneyPlusPartners } from '../../../adapters/money-plus/kyc-change-notifier/ConfiguredMoneyPlusPartners.js';
import { HttpMoneyPlusCallbackClient } from '../../../adapters/money-plus/kyc-change-notifier/HttpMoneyPlusCallbackClient.js';
import type { MoneyPlusSettings } from '../../../adapters/money-plus/kyc-change-notifier/MoneyPlusSettings.js';
import type { OutboxDelivery } from '../../../core/shared/OutboxHandler.js';
import { FakeMoneyPlusServer } from '../../support/FakeMoneyPlusServer.js';
import { ManualClock } from '../../support/ManualClock.js';
import { statusCallbackData } from '../../support/statusCallbackData.js';

const OLD_SECRET = `whsec_${Buffer.alloc(32, 1).toString('base64')}`;
const NEW_SECRET = `whsec_${Buffer.alloc(32, 2).toString('base64')}`;
const OTHER_SECRET = `whsec_${Buffer.alloc(32, 3).toString('base64')}`;

const delivery: OutboxDelivery = {
  id: '01a2b3c4-0000-7000-8000-00000000000a',
  topic: 'moneyplus.callback',
  partitionKey: '12345',
  payload: { bizId: 'MPLUS', uid: '12345', event: 'KYC_STATUS_CHANGED', data: statusCallbackData() },
  attempt: 1,
};

/** What a receiver built on the official `standardwebhooks` package says of a callback it got. */
function verifiesWith(secret: string, callback: { headers: Record<string, unknown>; body: string }): boolean {
  const headers = Object.fromEntries(Object.entries(callback.headers).map(([name, value]) => [name, String(value)]));
  try {
    new Webhook(secret).verify(callback.body, headers);
    return true;
  } catch {
    return false;
  }
}

describe('Money+ webhook secret rotation (SPEC 2.2.2), checked with the official standardwebhooks package', () => {
  let moneyPlus: FakeMoneyPlusServer;
  beforeEach(async () => {
    moneyPlus = new FakeMoneyPlusServer();
    await moneyPlus.start();
  });
  afterEach(() => moneyPlus.stop());

  /** One callback delivered over real HTTP by a partner configured with `partner`. */
  async function callbackFrom(partner: { secret?: string; secrets?: string[] }) {
    const settings: MoneyPlusSettings = { maxAttempts: 3, timeoutMs: 5000, partners: [{ bizId: 'MPLUS', callbackUrl: moneyPlus.url, queryFields: [], ...partner }] };
    // The package checks the timestamp against the real time, so the clock is the real time.
    const result = await new HttpMoneyPlusCallbackClient(settings, new ConfiguredMoneyPlusPartners(settings), new ManualClock(new Date())).deliver(delivery);
    expect(result.ok).to.equal(true);
    const [received] = moneyPlus.received.splice(0);
    return received!;
  }

  it('signs once per secret, newest first, so a receiver holding only the old or only the new secret verifies', async () => {
    const callback = await callbackFrom({ secrets: [NEW_SECRET, OLD_SECRET] });
    const signatures = String(callback.headers['webhook-signature']).split(' ');
    expect(signatures).to.have.length(2);
    expect(signatures.every((signature) => signature.startsWith('v1,'))).to.equal(true);
    expect(verifiesWith(OLD_SECRET, callback)).to.equal(true);
    expect(verifiesWith(NEW_SECRET, callback)).to.equal(true);
    expect(verifiesWith(OTHER_SECRET, callback)).to.equal(false);
  });

  it('signs once with the single-secret form, which the holder of that secret alone verifies', async () => {
    const callback = await callbackFrom({ secret: OLD_SECRET });
    expect(String(callback.headers['webhook-signature']).split(' ')).to.have.length(1);
    expect(verifiesWith(OLD_SECRET, callback)).to.equal(true);
    expect(verifiesWith(NEW_SECRET, callback)).to.equal(false);
  });
});
