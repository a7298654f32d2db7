import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { InvalidConfig, loadConfig } from '../../../config/loadConfig.js';
import { projectRoot } from '../../../config/projectRoot.js';
import { dialectOf } from '../../../adapters/persistence/Database.js';
import { buildInstitutionDirectory } from '../../../plugins/customer-check-crypto/customerCheckCryptoModule.js';
import { DEMO_CONSUMERS } from '../../../config/demo/demoConfig.js';
import { requireServingSettings } from '../../../config/requireServingSettings.js';
import { thrownBy } from '../../support/thrownBy.js';

const OWN_SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const OWN_DIGEST = 'a'.repeat(64);
/** A production configuration with its own credentials (no demo one). */
const production = (extra: object = {}) => ({
  auth: { consumers: [{ name: 'mp', tokenSha256: OWN_DIGEST, scopes: ['moneyplus:read', 'moneyplus:subscribe'], bizIds: ['MPLUS'] }] },
  esb: { url: 'http://esb.bank.internal/esb' },
  moneyPlus: { partners: [{ bizId: 'MPLUS', secret: OWN_SECRET, callbackUrl: 'https://moneyplus.example/cb', queryFields: ['name'] }] },
  billing: { institutions: [{ instId: '00001', apiKey: 'bank-one-api-key-0001', encryptType: 'SM4', key: 'ffeeddccbbaa99887766554433221100' }] },
  ...extra,
});

function configFile(content: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'midplat-config-')), 'config.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const failureOf = (load: () => unknown) => thrownBy(load, InvalidConfig).message;

describe('configuration', () => {
  it('defaults to the embedded set-up: SQLite, simulators, demo data', () => {
    const config = loadConfig({});
    expect(config.database.url).to.equal('sqlite:data/midplat.sqlite');
    expect(config.esb.adapter).to.equal('simulator');
    expect(config.moneyPlus.adapter).to.equal('simulator');
    expect(config.outbox.claim).to.equal('auto');
    expect(config.demo.loadOnStart).to.equal(true);
    expect(config.http).to.include({ port: 3000, bodyLimitBytes: 1048576 });
  });

  it('gives the embedded demo its consumers, partner, institutions and simulators when neither MIDPLAT_CONFIG nor DATABASE_URL is set', () => {
    const config = loadConfig({ PORT: '0', LOG_LEVEL: 'warn' });
    expect(config.auth.consumers.map((consumer) => consumer.name)).to.deep.equal(['ivr', 'customer-service', 'kyc-ops', 'moneyplus', 'ops', 'ops-viewer']);
    expect(config.moneyPlus.partners.map((partner) => partner.bizId)).to.deep.equal(['MPLUS']);
    expect(config.billing.institutions.map((institution) => institution.instId)).to.deep.equal(['00001', '00002']);
    const moneyPlus = config.auth.consumers.find((consumer) => consumer.name === 'moneyplus');
    expect(moneyPlus).to.deep.include({ scopes: ['moneyplus:read', 'moneyplus:subscribe'], bizIds: ['MPLUS'] });
  });

  for (const [label, env] of [
    ['DATABASE_URL alone', { DATABASE_URL: 'mysql://u:p@db:3306/midplat' }],
    ['a MIDPLAT_CONFIG that leaves out auth, billing and moneyPlus', { MIDPLAT_CONFIG: configFile({ esb: { url: 'http://esb/esb' } }) }],
  ] as const) {
    it(`gives production (${label}) no consumer, partner or institution, real adapters and no demo data`, () => {
      const config = loadConfig(env);
      expect(config.auth.consumers).to.deep.equal([]);
      expect(config.moneyPlus.partners).to.deep.equal([]);
      expect(config.billing.institutions).to.deep.equal([]);
      expect([config.esb.adapter, config.moneyPlus.adapter, config.demo.loadOnStart]).to.deep.equal(['http', 'http', false]);
    });
  }

  it('accepts a production configuration with its own credentials, partner binding and moneyplus:subscribe', () => {
    const config = loadConfig({ MIDPLAT_CONFIG: configFile(production()) });
    expect(config.auth.consumers[0]).to.deep.include({ bizIds: ['MPLUS'] });
    expect(() => requireServingSettings(config)).to.not.throw();
  });

  for (const [key, override] of [
    ['auth.consumers.0.tokenSha256', { auth: { consumers: [{ ...DEMO_CONSUMERS[0], tokenSha256: DEMO_CONSUMERS[0]!.tokenSha256 }] } }],
    ['auth.consumers.1.tokenSha256', { auth: { consumers: [{ name: 'own', tokenSha256: OWN_DIGEST, scopes: [] }, { ...DEMO_CONSUMERS[3], name: 'renamed' }] } }],
    ['billing.institutions.0.apiKey', { billing: { institutions: [{ instId: '00001', apiKey: 'demo-billing-api-key-00001', encryptType: 'NONE' }] } }],
    ['billing.institutions.0.key', { billing: { institutions: [{ instId: '9', apiKey: 'bank-nine-api-key-0009', encryptType: 'SM4', key: '0123456789ABCDEFFEDCBA9876543210' }] } }],
    ['moneyPlus.partners.0.secret', { moneyPlus: { partners: [{ bizId: 'MPLUS', secret: 'whsec_bWlkcGxhdC1kZW1vLXdlYmhvb2sta2V5LTAwMDAwMQ==', callbackUrl: 'https://x/cb', queryFields: [] }] } }],
    // The same key bytes spelt without base64 padding.
    ['moneyPlus.partners.0.secret', { moneyPlus: { partners: [{ bizId: 'X', secret: 'whsec_bWlkcGxhdC1kZW1vLXdlYmhvb2sta2V5LTAwMDAwMQ', callbackUrl: 'https://x/cb', queryFields: [] }] } }],
    ['demo.loadOnStart', { demo: { loadOnStart: true } }],
  ] as const) {
    it(`refuses in production a demo credential or demo loading, naming ${key}`, () => {
      const message = failureOf(() => loadConfig({ MIDPLAT_CONFIG: configFile(production(override)) }));
      expect(message.startsWith(`config key ${key}: `), message).to.equal(true);
    });
  }

  it('refuses a demo token digest given through DATABASE_URL-mode overrides as well', () => {
    const message = failureOf(() => loadConfig({ DATABASE_URL: 'sqlite::memory:' }, { auth: { consumers: [DEMO_CONSUMERS[2]] } } as never));
    expect(message).to.match(/^config key auth\.consumers\.0\.tokenSha256: is the digest of a demo token/);
  });

  it('refuses a whsec_ secret whose key decodes to fewer than 24 bytes, in every mode', () => {
    const partner = (secret: string) => ({ moneyPlus: { partners: [{ bizId: 'MPLUS', secret, callbackUrl: 'https://x/cb', queryFields: [] }] } });
    expect(failureOf(() => loadConfig({}, partner('whsec_A')))).to.match(/^config key moneyPlus\.partners\.0\.secret: .*at least 24 bytes \(it has 0\)/);
    const short = `whsec_${Buffer.alloc(23, 1).toString('base64')}`;
    expect(failureOf(() => loadConfig({ MIDPLAT_CONFIG: configFile(production(partner(short))) }))).to.match(/^config key moneyPlus\.partners\.0\.secret: .*\(it has 23\)/);
    expect(loadConfig({}, partner(`whsec_${Buffer.alloc(24, 1).toString('base64')}`)).moneyPlus.partners).to.have.length(1);
  });

  it('takes no key for encryptType NONE (absent or empty) and refuses a non-empty one', () => {
    const none = (key?: string) => ({ instId: '1', apiKey: 'bank-one-api-key-0001', encryptType: 'NONE', ...(key === undefined ? {} : { key }) });
    const absent = loadConfig({}, { billing: { institutions: [none()] } });
    expect(() => buildInstitutionDirectory(absent.billing.institutions)).to.not.throw();
    expect(() => buildInstitutionDirectory(loadConfig({}, { billing: { institutions: [none('')] } }).billing.institutions)).to.not.throw();
    const keyed = loadConfig({}, { billing: { institutions: [none('00ff')] } });
    expect(() => buildInstitutionDirectory(keyed.billing.institutions)).to.throw(/billing\.institutions\[0\]\.key: must be empty for encryptType NONE/);
  });

  it('refuses to serve with esb.adapter http and no esb.url (there is no default address), naming esb.url', () => {
    const config = loadConfig({ DATABASE_URL: 'sqlite::memory:' });
    expect(failureOf(() => requireServingSettings(config))).to.match(/^config key esb\.url: required when esb\.adapter is http/);
  });

  it('applies MIDPLAT_CONFIG over the defaults, then PORT, DATABASE_URL and LOG_LEVEL over both', () => {
    const file = configFile({ http: { port: 4000 }, database: { url: 'mysql://u:p@db:3306/midplat' }, esb: { timeoutMs: 1500 } });
    // A file alone makes production: the demo's simulators do not apply.
    const fromFile = loadConfig({ MIDPLAT_CONFIG: file });
    expect(fromFile.http.port).to.equal(4000);
    expect(fromFile.esb.timeoutMs).to.equal(1500);
    expect(fromFile.esb.channelId).to.equal('BMD');
    const fromEnv = loadConfig({ MIDPLAT_CONFIG: file, PORT: '5000', DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'warn' });
    expect([fromEnv.http.port, fromEnv.database.url, fromEnv.log.level]).to.deep.equal([5000, 'sqlite::memory:', 'warn']);
  });

  it('names the bad key when a value is wrong', () => {
    expect(failureOf(() => loadConfig({}, { esb: { adapter: 'soap' } }))).to.match(/^config key esb\.adapter: /);
    expect(failureOf(() => loadConfig({}, { esb: { timeoutMs: -1 } }))).to.match(/^config key esb\.timeoutMs: /);
    expect(failureOf(() => loadConfig({}, { outbox: { claim: 'nowait' } }))).to.match(/^config key outbox\.claim: must be equal to one of the allowed values/);
    expect(failureOf(() => loadConfig({ DATABASE_URL: 'postgres://x' }))).to.match(/^config key database\.url: /);
    expect(failureOf(() => loadConfig({ LOG_LEVEL: 'loud' }))).to.match(/^config key log\.level: /);
    expect(failureOf(() => loadConfig({ PORT: 'eighty' }))).to.match(/^PORT: /);
  });

  it('names a mistyped key instead of ignoring it', () => {
    expect(failureOf(() => loadConfig({}, { databse: { url: 'sqlite:x' } }))).to.equal('config key (root).databse: must NOT have additional properties');
    expect(failureOf(() => loadConfig({}, { esb: { timeoutMS: 5 } }))).to.equal('config key esb.timeoutMS: must NOT have additional properties');
  });

  it('refuses a token stored in clear instead of its SHA-256', () => {
    const message = failureOf(() => loadConfig({}, { auth: { consumers: [{ name: 'ivr', tokenSha256: 'demo-ivr-token', scopes: ['upgrade:write'] }] } }));
    expect(message).to.match(/^config key auth\.consumers\.0\.tokenSha256: /);
  });

  it('says which file is unreadable or not JSON', () => {
    expect(failureOf(() => loadConfig({ MIDPLAT_CONFIG: '/nonexistent/midplat.json' }))).to.contain('cannot read /nonexistent/midplat.json');
    expect(failureOf(() => loadConfig({ MIDPLAT_CONFIG: configFile('{ nope') }))).to.contain('is not valid JSON');
  });

  it('refuses a read replica that is not mysql://, and read replicas with SQLite, naming the key', () => {
    const mysqlUrl = { url: 'mysql://u:p@db:3306/midplat' };
    expect(failureOf(() => loadConfig({}, { database: { ...mysqlUrl, replicas: ['mysql://u:p@r1:3306/midplat', 'postgres://r2/midplat'] } }))).to.match(
      /^config key database\.replicas\.1: /,
    );
    expect(failureOf(() => loadConfig({}, { database: { ...mysqlUrl, maxReplicaLagMs: 0 } }))).to.match(/^config key database\.maxReplicaLagMs: /);
    expect(failureOf(() => loadConfig({}, { database: { url: 'sqlite:data/x.sqlite', replicas: ['mysql://u:p@r1:3306/midplat'] } }))).to.match(/^config key database\.replicas: .*mysql:\/\//);
    const config = loadConfig({}, { database: { ...mysqlUrl, replicas: ['mysql://u:p@r1:3306/midplat'] } });
    expect([config.database.replicas, config.database.maxReplicaLagMs]).to.deep.equal([['mysql://u:p@r1:3306/midplat'], 2000]);
    expect(loadConfig({}).database.replicas).to.deep.equal([]);
  });

  it('knows only the sqlite: and mysql:// database schemes', () => {
    expect(dialectOf('sqlite:data/x.sqlite')).to.equal('sqlite');
    expect(dialectOf('mysql://root@127.0.0.1:3306/midplat')).to.equal('mysql');
    expect(() => dialectOf('mariadb://root:secret@host/db')).to.throw(/unsupported scheme in "mariadb:\/\/\*\*\*@host\/db"/);
  });

  it('stops the process at start-up with a message naming the key', () => {
    const file = configFile({ esb: { adapter: 'soap' } });
    const result = spawnSync(process.execPath, [join(projectRoot, 'dist/scripts/start.js')], {
      env: { ...process.env, MIDPLAT_CONFIG: file, PORT: '0' },
      encoding: 'utf8',
      timeout: 15000,
    });
    expect(result.status).to.equal(2);
    expect(result.stderr).to.contain('midplat: invalid configuration: config key esb.adapter: must be equal to one of the allowed values');
  });
});
