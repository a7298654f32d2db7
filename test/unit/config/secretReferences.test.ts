import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { connectionUrl } from '../../../adapters/persistence/Database.js';
import { InvalidConfig, loadConfig } from '../../../config/loadConfig.js';
import { resolveSecretReferences } from '../../../config/secretReferences.js';
import { thrownBy } from '../../support/thrownBy.js';

const OWN_SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const API_KEY = 'bank-one-api-key-from-a-file-0001';
const failureOf = (load: () => unknown) => thrownBy(load, InvalidConfig).message;

describe('secret references (SPEC 2.2.2)', () => {
  let folder: string;
  const file = (name: string, content: string) => {
    const path = join(folder, name);
    writeFileSync(path, content);
    return path;
  };
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'midplat-secrets-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  /** A production configuration (DATABASE_URL set) whose secrets are all references. */
  const production = (env: NodeJS.ProcessEnv, overrides: object) => loadConfig({ DATABASE_URL: 'sqlite::memory:', ...env }, overrides as never);

  it('reads {"env"} from the environment and {"file"} from the file, dropping one trailing newline', () => {
    const config = production(
      { MP_SECRET: OWN_SECRET, DB_PASSWORD: 'p@ss:word/1' },
      {
        database: { password: { env: 'DB_PASSWORD' } },
        moneyPlus: { partners: [{ bizId: 'MPLUS', secret: { env: 'MP_SECRET' }, callbackUrl: 'https://mp/cb', queryFields: [] }] },
        billing: {
          institutions: [
            { instId: '1', apiKey: { file: file('api-key', `${API_KEY}\n`) }, encryptType: 'SM4', key: { file: file('sm4', 'ffeeddccbbaa99887766554433221100\r\n') } },
            { instId: '2', apiKey: { file: file('two-newlines', 'bank-two-api-key-0000002\n\n') }, encryptType: 'NONE' },
          ],
        },
      },
    );
    expect(config.moneyPlus.partners[0]!.secret).to.equal(OWN_SECRET);
    expect(config.database.password).to.equal('p@ss:word/1');
    expect(config.billing.institutions.map((institution) => [institution.apiKey, institution.key])).to.deep.equal([
      [API_KEY, 'ffeeddccbbaa99887766554433221100'],
      ['bank-two-api-key-0000002\n', undefined],
    ]);
  });

  it('stops on a reference that cannot be resolved, naming the key and the variable or path, never the value', () => {
    const institution = (apiKey: unknown) => ({ billing: { institutions: [{ instId: '1', apiKey, encryptType: 'NONE' }] } });
    expect(failureOf(() => production({}, institution({ env: 'BANK_KEY' })))).to.equal(
      'config key billing.institutions.0.apiKey: environment variable BANK_KEY is unset or empty',
    );
    expect(failureOf(() => production({ BANK_KEY: '' }, institution({ env: 'BANK_KEY' })))).to.match(/BANK_KEY is unset or empty$/);
    const missing = join(folder, 'absent');
    expect(failureOf(() => production({}, institution({ file: missing })))).to.equal(`config key billing.institutions.0.apiKey: cannot read file ${missing} (ENOENT)`);
    expect(failureOf(() => production({}, institution({ file: file('empty', '\n') })))).to.match(/^config key billing\.institutions\.0\.apiKey: file .*empty is empty$/);
    if (process.getuid?.() !== 0) {
      const locked = file('locked', 'bank-one-api-key-0001');
      chmodSync(locked, 0o000);
      expect(failureOf(() => production({}, institution({ file: locked })))).to.match(/cannot read file .*locked \(EACCES\)$/);
    }
    expect(failureOf(() => production({}, institution({ env: 'A', file: '/x' })))).to.match(/^config key billing\.institutions\.0\.apiKey: a secret reference is/);
    expect(failureOf(() => production({}, institution({ env: 5 })))).to.match(/^config key billing\.institutions\.0\.apiKey: "env" or "file" must name/);
    // A resolved value that the schema refuses is named by key, and the message does not echo it.
    const short = failureOf(() => production({ BANK_KEY: 'short-secret' }, institution({ env: 'BANK_KEY' })));
    expect(short).to.match(/^config key billing\.institutions\.0\.apiKey: /);
    expect(short).to.not.contain('short-secret');
  });

  it('leaves references at keys that are not secrets to the schema, which refuses them', () => {
    expect(failureOf(() => production({ PORT_VAR: '80' }, { esb: { url: { env: 'PORT_VAR' } } }))).to.match(/^config key esb\.url: must be string/);
  });

  it('resolves each read replica URL (it carries a password); a refused one is named by key, never repeated', () => {
    const password = 'r3plica-pa55word';
    const url = (userInfo: string) => `mysql://${userInfo}@replica1.bank.internal:3306/midplat`;
    const withReplicas = (env: NodeJS.ProcessEnv, replicas: unknown[]) => production(env, { database: { url: 'mysql://app@db:3306/midplat', replicas } });
    const config = withReplicas({ REPLICA_1: url(`ro:${password}`) }, [{ env: 'REPLICA_1' }, { file: file('replica-2', `${url('ro:two')}\n`) }, url('ro')]);
    expect(config.database.replicas).to.deep.equal([url(`ro:${password}`), url('ro:two'), url('ro')]);
    expect(failureOf(() => withReplicas({}, [url('ro'), { env: 'REPLICA_2' }]))).to.equal('config key database.replicas.1: environment variable REPLICA_2 is unset or empty');
    // Not mysql://; not a URL; a `#`, `/` or `?` left unencoded, which would end the host inside the password.
    for (const written of [`postgres://ro:${password}@replica1/midplat`, `mysql://ro:${password}#x@replica1/midplat`, url(`ro:1234#${password}`), url(`ro:1234/${password}`), url(`ro:1234?${password}`)]) {
      const message = failureOf(() => withReplicas({ REPLICA_2: written }, [url('ro'), { env: 'REPLICA_2' }]));
      expect(message, written).to.match(/^config key database\.replicas\.1: /);
      expect(message, written).to.not.contain(password).and.not.contain('1234').and.not.contain('replica1');
    }
  });

  it('resolves the database password, which replaces the one in a mysql URL', () => {
    const resolved = resolveSecretReferences({ database: { url: 'mysql://app:old@db:3306/midplat', password: { env: 'P' } } }, { P: 'n€w:p@ss' }) as {
      database: { url: string; password: string };
    };
    expect(connectionUrl(resolved.database)).to.equal('mysql://app:n%E2%82%ACw%3Ap%40ss@db:3306/midplat');
    expect(connectionUrl({ url: 'mysql://app@db/midplat' })).to.equal('mysql://app@db/midplat');
    expect(connectionUrl({ url: 'sqlite:x.sqlite', password: 'ignored' })).to.equal('sqlite:x.sqlite');
  });
});
