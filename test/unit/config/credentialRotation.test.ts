import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { AccessTokenAuthenticator } from '../../../adapters/http/AccessTokenAuthenticator.js';
import { BillingSecurityRejected } from '../../../adapters/http/customer-check/errors.js';
import { HttpProblem } from '../../../adapters/http/HttpProblem.js';
import { InvalidConfig, loadConfig } from '../../../config/loadConfig.js';
import { buildInstitutionDirectory } from '../../../plugins/customer-check-crypto/customerCheckCryptoModule.js';
import { ManualClock } from '../../support/ManualClock.js';
import { thrownBy } from '../../support/thrownBy.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const failureOf = (load: () => unknown) => thrownBy(load, InvalidConfig).message;
const production = (overrides: object) => loadConfig({ DATABASE_URL: 'sqlite::memory:' }, overrides as never);
const SECRET = (fill: number) => `whsec_${Buffer.alloc(32, fill).toString('base64')}`;

describe('credential rotation (SPEC 2.1, 2.2.2)', () => {
  describe('access tokens with notAfter', () => {
    const clock = new ManualClock(new Date('2027-01-31T00:00:00Z'));
    const expired: string[] = [];
    const authenticator = new AccessTokenAuthenticator(
      [
        {
          name: 'ivr',
          tokens: [{ sha256: sha256('new-ivr-token') }, { sha256: sha256('old-ivr-token'), notAfter: '2027-01-31T00:00:00Z' }],
          scopes: ['upgrade:write'],
        },
        { name: 'cs', tokenSha256: sha256('cs-token'), scopes: ['createinfo:read'] },
      ],
      { now: () => clock.now(), expired: { expired: (consumer) => expired.push(consumer) } },
    );
    const statusOf = (token: string) => {
      try {
        return authenticator.authorize(token, 'upgrade:write').name;
      } catch (error) {
        return (error as HttpProblem).status;
      }
    };

    it('accepts every listed token up to its notAfter, then refuses the expired one with 401 like an unknown one, telling the observer which consumer', () => {
      expect([statusOf('new-ivr-token'), statusOf('old-ivr-token'), statusOf('cs-token'), statusOf('unknown')]).to.deep.equal(['ivr', 'ivr', 403, 401]);
      expect(expired).to.deep.equal([]);
      clock.advance(1);
      const refusal = thrownBy(() => authenticator.authorize('old-ivr-token', 'upgrade:write'), HttpProblem);
      const unknown = thrownBy(() => authenticator.authorize('unknown', 'upgrade:write'), HttpProblem);
      expect([refusal.status, refusal.code, refusal.message]).to.deep.equal([unknown.status, unknown.code, unknown.message]);
      expect(statusOf('new-ivr-token')).to.equal('ivr');
      expect(expired).to.deep.equal(['ivr']);
    });
  });

  describe('billing API keys', () => {
    const directory = buildInstitutionDirectory([
      { instId: '00001', apiKeys: ['bank-one-new-api-key-0001', { sha256: sha256('bank-one-old-api-key-0001') }], encryptType: 'NONE' },
      { instId: '00002', apiKey: 'bank-two-api-key-00000002', encryptType: 'NONE' },
    ]);

    it('accepts any of an institution\'s keys, given in clear or only by digest, and refuses others', () => {
      expect(directory.identify('bank-one-new-api-key-0001').instId).to.equal('00001');
      expect(directory.identify('bank-one-old-api-key-0001').instId).to.equal('00001');
      expect(directory.identify('bank-two-api-key-00000002').instId).to.equal('00002');
      expect(thrownBy(() => directory.identify(sha256('bank-one-old-api-key-0001')), BillingSecurityRejected).code).to.equal('ESECURE');
    });

    it('refuses one key given to two institutions, in whichever form', () => {
      expect(() =>
        buildInstitutionDirectory([
          { instId: '1', apiKeys: [{ sha256: sha256('shared-api-key-000001') }], encryptType: 'NONE' },
          { instId: '2', apiKey: 'shared-api-key-000001', encryptType: 'NONE' },
        ]),
      ).to.throw(/billing\.institutions\[1\]\.apiKey: the same key is given twice/);
    });
  });

  describe('configuration forms', () => {
    const consumer = (extra: object) => ({ auth: { consumers: [{ name: 'ivr', scopes: ['upgrade:write'], ...extra }] } });
    const partner = (extra: object) => ({ moneyPlus: { partners: [{ bizId: 'MPLUS', callbackUrl: 'https://mp/cb', queryFields: [], ...extra }] } });
    const institution = (extra: object) => ({ billing: { institutions: [{ instId: '1', encryptType: 'NONE', ...extra }] } });

    it('accepts the list forms and keeps the single-value forms valid', () => {
      const config = production({
        ...consumer({ tokens: [{ sha256: 'b'.repeat(64), notAfter: '2027-01-31T00:00:00Z' }, { sha256: 'c'.repeat(64) }] }),
        ...partner({ secrets: [SECRET(1), SECRET(2)] }),
        ...institution({ apiKeys: ['bank-one-api-key-0001', { sha256: 'd'.repeat(64) }] }),
      });
      expect(config.auth.consumers[0]!.tokens).to.have.length(2);
      expect(production({ ...consumer({ tokenSha256: 'b'.repeat(64) }), ...partner({ secret: SECRET(1) }), ...institution({ apiKey: 'bank-one-api-key-0001' }) }).auth.consumers).to.have.length(1);
    });

    for (const [label, overrides, expected] of [
      ['both token forms', consumer({ tokenSha256: 'b'.repeat(64), tokens: [{ sha256: 'c'.repeat(64) }] }), /^config key auth\.consumers\.0\.tokens: give tokenSha256 or tokens, not both$/],
      ['no token at all', consumer({}), /^config key auth\.consumers\.0: needs tokenSha256 or tokens$/],
      ['an empty token list', consumer({ tokens: [] }), /^config key auth\.consumers\.0\.tokens: must NOT have fewer than 1 items$/],
      ['a token digest that is not 64 hex digits', consumer({ tokens: [{ sha256: 'b'.repeat(63) }] }), /^config key auth\.consumers\.0\.tokens\.0\.sha256: must match pattern/],
      ['a notAfter without a time zone', consumer({ tokens: [{ sha256: 'b'.repeat(64), notAfter: '2027-01-31 00:00' }] }), /^config key auth\.consumers\.0\.tokens\.0\.notAfter: /],
      ['both secret forms', partner({ secret: SECRET(1), secrets: [SECRET(2)] }), /^config key moneyPlus\.partners\.0\.secrets: give secret or secrets, not both$/],
      ['an empty secret list', partner({ secrets: [] }), /^config key moneyPlus\.partners\.0\.secrets: must NOT have fewer than 1 items$/],
      ['a short key among the secrets', partner({ secrets: [SECRET(1), `whsec_${Buffer.alloc(8).toString('base64')}`] }), /^config key moneyPlus\.partners\.0\.secrets\.1: .*at least 24 bytes/],
      ['both API key forms', institution({ apiKey: 'bank-one-api-key-0001', apiKeys: ['bank-one-api-key-0002'] }), /^config key billing\.institutions\.0\.apiKeys: give apiKey or apiKeys, not both$/],
      ['an empty API key list', institution({ apiKeys: [] }), /^config key billing\.institutions\.0\.apiKeys: must NOT have fewer than 1 items$/],
      ['an API key digest that is not 64 hex digits', institution({ apiKeys: [{ sha256: 'xyz' }] }), /^config key billing\.institutions\.0\.apiKeys\.0\.sha256: must match pattern/],
    ] as const) {
      it(`refuses ${label}, naming the key`, () => {
        expect(failureOf(() => production({ ...(overrides as object) }))).to.match(expected);
      });
    }

    for (const [key, overrides] of [
      ['auth.consumers.0.tokens.1.sha256', consumer({ tokens: [{ sha256: 'b'.repeat(64) }, { sha256: sha256('demo-ivr-token') }] })],
      ['moneyPlus.partners.0.secrets.1', partner({ secrets: [SECRET(1), 'whsec_bWlkcGxhdC1kZW1vLXdlYmhvb2sta2V5LTAwMDAwMQ=='] })],
      ['billing.institutions.0.apiKeys.0', institution({ apiKeys: [{ sha256: sha256('demo-billing-api-key-00001') }] })],
    ] as const) {
      it(`refuses a demo credential inside a list form in production, naming ${key}`, () => {
        expect(failureOf(() => production(overrides))).to.match(new RegExp(`^config key ${key.replace(/\./g, '\\.')}: is `));
      });
    }
  });
});
