import { expect } from 'chai';
import { signWebhook } from '../../../adapters/money-plus/kyc-change-notifier/standardWebhooks.js';
import { verifyStandardWebhook } from '../../support/StandardWebhooksVerifier.js';

// The example vector published with the Standard Webhooks reference libraries.
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const headersOf = (signature: string) => ({ 'webhook-id': VECTOR.id, 'webhook-timestamp': String(VECTOR.timestamp), 'webhook-signature': signature });

describe('Standard Webhooks signatures', () => {
  it('the test verifier accepts the published example vector', () => {
    expect(verifyStandardWebhook(VECTOR.secret, headersOf(VECTOR.signature), VECTOR.body, VECTOR.timestamp)).to.deep.equal({ valid: true });
  });

  it('the test verifier accepts a matching signature among several (key rotation)', () => {
    const headers = headersOf(`v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= ${VECTOR.signature}`);
    expect(verifyStandardWebhook(VECTOR.secret, headers, VECTOR.body, VECTOR.timestamp).valid).to.equal(true);
  });

  it('the test verifier refuses another body, another id, a stale timestamp and an unknown version', () => {
    expect(verifyStandardWebhook(VECTOR.secret, headersOf(VECTOR.signature), '{"test": 1}', VECTOR.timestamp).valid).to.equal(false);
    expect(verifyStandardWebhook(VECTOR.secret, { ...headersOf(VECTOR.signature), 'webhook-id': 'msg_other' }, VECTOR.body, VECTOR.timestamp).valid).to.equal(false);
    expect(verifyStandardWebhook(VECTOR.secret, headersOf(VECTOR.signature), VECTOR.body, VECTOR.timestamp + 301).valid).to.equal(false);
    expect(verifyStandardWebhook(VECTOR.secret, headersOf(VECTOR.signature.replace('v1,', 'v2,')), VECTOR.body, VECTOR.timestamp).valid).to.equal(false);
  });

  it('our signer produces the published example signature', () => {
    expect(signWebhook(VECTOR.secret, VECTOR.id, VECTOR.timestamp, VECTOR.body)).to.equal(VECTOR.signature);
  });
});
