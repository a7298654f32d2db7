import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { Authenticator } from '../../../adapters/http/Authenticator.js';
import { HttpProblem } from '../../../adapters/http/HttpProblem.js';
import { Logger, createLogger } from '../../../adapters/logging/Logger.js';
import { MoneyPlusPartnerDirectory } from '../../../core/kyc-change-notifier/ports.js';
import { InstitutionDirectory } from '../../../adapters/http/customer-check/ports.js';
import { Clock } from '../../../core/shared/Clock.js';
import { Container } from 'inversify';
import { CredentialStore, credentialsModule } from '../../../config/Credentials.js';
import { loadConfig } from '../../../config/loadConfig.js';
import { ManualClock } from '../../support/ManualClock.js';
import { thrownBy } from '../../support/thrownBy.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const SECRET = `whsec_${Buffer.alloc(32, 3).toString('base64')}`;

/** Generation `name`: one consumer, partner and institution, all named after it. */
const generation = (name: string, extra: object = {}) =>
  loadConfig({ DATABASE_URL: 'sqlite::memory:' }, {
    auth: { consumers: [{ name, tokenSha256: sha256(`${name}-token`), scopes: ['ops:read'] }] },
    moneyPlus: { partners: [{ bizId: name, secret: SECRET, callbackUrl: 'https://mp/cb', queryFields: [] }] },
    billing: { institutions: [{ instId: name, apiKey: `${name}-api-key-0000000`, encryptType: 'NONE' }] },
    ...extra,
  } as never);

function containerFor(initial: ReturnType<typeof generation>): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind(Clock).toConstantValue(new ManualClock());
  container.bind(Logger).toConstantValue(createLogger('silent'));
  container.load(credentialsModule(initial));
  return container;
}

describe('CredentialStore (reload, SPEC 2.2.2)', () => {
  const container = containerFor(generation('old'));
  const store = container.get(CredentialStore);
  const authenticator = container.get<Authenticator>(Authenticator);
  const partners = container.get<MoneyPlusPartnerDirectory>(MoneyPlusPartnerDirectory);
  const institutions = container.get<InstitutionDirectory>(InstitutionDirectory);
  /** What the ports answer now: the consumer, partner and institution they know. */
  const seen = () => ({
    consumer: (() => {
      try {
        return authenticator.authorize('old-token', 'ops:read').name;
      } catch (error) {
        return (error as HttpProblem).status;
      }
    })(),
    partner: partners.find('old')?.bizId ?? null,
    institution: (() => {
      try {
        return institutions.identify('new-api-key-0000000').instId;
      } catch {
        return null;
      }
    })(),
  });

  it('keeps a captured piece of work on the credentials of its start across a swap, while new work sees the new ones', async () => {
    let inside: object[] = [];
    let release!: () => void;
    const paused = new Promise<void>((resolve) => (release = resolve));
    const request = store.capture(async () => {
      inside.push(seen());
      await paused;
      inside.push(seen());
    });
    store.replace(generation('new'));
    release();
    await request;
    expect(inside).to.deep.equal([
      { consumer: 'old', partner: 'old', institution: null },
      { consumer: 'old', partner: 'old', institution: null },
    ]);
    inside = [];
    expect(seen()).to.deep.equal({ consumer: 401, partner: null, institution: 'new' });
    await store.capture(async () => inside.push(seen()));
    expect(inside).to.deep.equal([{ consumer: 401, partner: null, institution: 'new' }]);
  });

  it('refuses credentials that do not build (an API key given twice) and keeps the ones in force', () => {
    const twice = generation('twice', {
      billing: { institutions: [1, 2].map((index) => ({ instId: `i${index}`, apiKey: 'shared-api-key-0000000', encryptType: 'NONE' })) },
    });
    const before = store.current;
    expect(thrownBy(() => store.replace(twice)).message).to.match(/billing\.institutions\[1\]\.apiKey: the same key is given twice/);
    expect(store.current).to.equal(before);
  });
});
