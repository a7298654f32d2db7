import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import mysql from 'mysql2/promise';
import type { ConfigJson } from '../../../config/loadConfig.js';
import { postJson } from '../../support/http.js';
import { customerCheck, sha256 } from '../../support/productionFixtures.js';
import { ServiceProcess } from '../../support/ServiceProcess.js';
import { createTestDatabase, DATABASE_KINDS, MARIADB_SERVER_URL, type TestDatabase } from '../../support/testDatabases.js';

const CS_TOKEN = 'bank-customer-service-token-from-env';
const BANK_API_KEY = 'bank-one-billing-api-key-from-a-file';
const WEBHOOK_SECRET = `whsec_${Buffer.alloc(32, 5).toString('base64')}`;
const GET_CREATE_INFO = '/intranet/api/v1.0/createaccount/GetCreateInfo';

/** A production configuration holding references only, as the README's "Running in production" shows it. */
function referencesOnly(folder: string, database: ConfigJson): ConfigJson {
  return {
    http: { port: 0 },
    ...(Object.keys(database as object).length > 0 ? { database } : {}),
    auth: { consumers: [{ name: 'customer-service', tokenSha256: { env: 'CS_TOKEN_SHA256' }, scopes: ['createinfo:read'] }] },
    esb: { adapter: 'http', url: 'http://127.0.0.1:9/esb', timeoutMs: 2000 },
    moneyPlus: { adapter: 'http', partners: [{ bizId: 'MPLUS', secret: { file: join(folder, 'mplus-webhook') }, callbackUrl: 'http://127.0.0.1:9/cb', queryFields: [] }] },
    billing: { institutions: [{ instId: '00001', apiKey: { file: join(folder, 'bank-api-key') }, encryptType: 'NONE' }] },
  };
}

/** A MariaDB user with a password of its own on the test database, so the password reference is what lets the process in. */
async function userWithPassword(database: TestDatabase): Promise<{ url: string; password: string; drop: () => Promise<void> }> {
  const user = `mp_${randomBytes(4).toString('hex')}`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const name = new URL(database.url).pathname.slice(1);
  const admin = await mysql.createConnection(MARIADB_SERVER_URL);
  try {
    await admin.query(`CREATE USER '${user}'@'%' IDENTIFIED BY '${password}'`);
    await admin.query(`GRANT ALL ON \`${name}\`.* TO '${user}'@'%'`);
  } finally {
    await admin.end();
  }
  const server = new URL(MARIADB_SERVER_URL);
  return {
    url: `mysql://${user}:not-the-password@${server.host}/${name}`,
    password,
    drop: async () => {
      const connection = await mysql.createConnection(MARIADB_SERVER_URL);
      try {
        await connection.query(`DROP USER IF EXISTS '${user}'@'%'`);
      } finally {
        await connection.end();
      }
    },
  };
}

describe('secret references at start (SPEC 2.2.2, real process)', function () {
  this.timeout(120000);
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'midplat-refs-'));
    writeFileSync(join(folder, 'mplus-webhook'), `${WEBHOOK_SECRET}\n`);
    writeFileSync(join(folder, 'bank-api-key'), `${BANK_API_KEY}\n`);
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  for (const kind of DATABASE_KINDS) {
    it(`serves with every secret held outside the config file (${kind}${kind === 'mariadb' ? ', password from a file over the URL one' : ''})`, async () => {
      const database = await createTestDatabase(kind);
      const user = kind === 'mariadb' ? await userWithPassword(database) : undefined;
      let service: ServiceProcess | undefined;
      try {
        if (user) writeFileSync(join(folder, 'db-password'), `${user.password}\n`);
        const databaseSection: ConfigJson = user ? { url: user.url, password: { file: join(folder, 'db-password') } } : { url: database.url };
        service = ServiceProcess.spawn(referencesOnly(folder, databaseSection), { CS_TOKEN_SHA256: sha256(CS_TOKEN) });
        const baseUrl = await service.listening();
        const byKey = await customerCheck(baseUrl, BANK_API_KEY, '999999');
        expect(byKey.field('RespCode')).to.be.a('string').and.not.equal('ESECURE');
        const wrongKey = await customerCheck(baseUrl, `${BANK_API_KEY}-2`, '999999');
        expect(wrongKey.field('RespCode')).to.equal('ESECURE');
        const byToken = await postJson(`${baseUrl}${GET_CREATE_INFO}`, { phone: '0912345678' }, { Acstkn: CS_TOKEN, 'x-request-id': 'req-last' });
        expect(byToken.status, JSON.stringify(byToken.body)).to.equal(200);
        await service.logLine((entry) => entry.msg === 'request' && entry.requestId === 'req-last'); // lines leave in order, through a buffer
        const logs = JSON.stringify(service.logs);
        for (const secret of [BANK_API_KEY, WEBHOOK_SECRET, CS_TOKEN, user?.password ?? BANK_API_KEY]) expect(logs).to.not.contain(secret);
      } finally {
        await service?.kill();
        await user?.drop();
        await database.drop();
      }
    });
  }

  it('takes a read replica URL from a file, and no log line carries its password (MariaDB)', async () => {
    const database = await createTestDatabase('mariadb');
    const user = await userWithPassword(database);
    let service: ServiceProcess | undefined;
    try {
      // The test server replicates from nothing: the probe skips it, and its log line names host:port only.
      const replica = new URL(user.url);
      replica.password = user.password;
      writeFileSync(join(folder, 'db-password'), `${user.password}\n`);
      writeFileSync(join(folder, 'db-replica-url'), `${replica.toString()}\n`);
      const databaseSection: ConfigJson = { url: user.url, password: { file: join(folder, 'db-password') }, replicas: [{ file: join(folder, 'db-replica-url') }] };
      service = ServiceProcess.spawn(referencesOnly(folder, databaseSection), { CS_TOKEN_SHA256: sha256(CS_TOKEN) });
      const baseUrl = await service.listening();
      const skipped = await service.logLine((entry) => entry.msg === 'read replica skipped');
      expect(skipped.replica).to.equal(`${replica.hostname}:${replica.port || '3306'}`);
      const byToken = await postJson(`${baseUrl}${GET_CREATE_INFO}`, { phone: '0912345678' }, { Acstkn: CS_TOKEN, 'x-request-id': 'req-last' });
      expect(byToken.status, JSON.stringify(byToken.body)).to.equal(200);
      await service.logLine((entry) => entry.msg === 'request' && entry.requestId === 'req-last'); // lines leave in order, through a buffer
      expect(JSON.stringify(service.logs)).to.not.contain(user.password);
    } finally {
      await service?.kill();
      await user.drop();
      await database.drop();
    }
  });

  it('answers a token past its notAfter 401 like an unknown one; the log says expired and which consumer, never the token; a metric counts it', async () => {
    const expiredToken = 'customer-service-token-expired-2020';
    const service = ServiceProcess.spawn({
      ...(referencesOnly(folder, {}) as object),
      auth: {
        consumers: [
          {
            name: 'customer-service',
            tokens: [{ sha256: { env: 'CS_TOKEN_SHA256' } }, { sha256: sha256(expiredToken), notAfter: '2020-01-01T00:00:00Z' }],
            scopes: ['createinfo:read'],
          },
        ],
      },
    }, { CS_TOKEN_SHA256: sha256(CS_TOKEN) });
    try {
      const baseUrl = await service.listening();
      const expired = await postJson(`${baseUrl}${GET_CREATE_INFO}`, { phone: '0912345678' }, { Acstkn: expiredToken, 'x-request-id': 'req-expired' });
      const unknown = await postJson(`${baseUrl}${GET_CREATE_INFO}`, { phone: '0912345678' }, { Acstkn: 'never-configured-token' });
      expect([expired.status, expired.body]).to.deep.equal([unknown.status, unknown.body]);
      expect(expired.status).to.equal(401);
      expect((await postJson(`${baseUrl}${GET_CREATE_INFO}`, { phone: '0912345678' }, { Acstkn: CS_TOKEN, 'x-request-id': 'req-last' })).status).to.equal(200);
      await service.logLine((entry) => entry.msg === 'request' && entry.requestId === 'req-last'); // lines leave in order, through a buffer
      const line = await service.logLine((entry) => typeof entry.msg === 'string' && (entry.msg as string).startsWith('access token expired'));
      expect(line).to.deep.include({ level: 40, consumer: 'customer-service' });
      expect(JSON.stringify(service.logs)).to.not.contain(expiredToken);
      const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
      expect(metrics).to.match(/midplat_auth_expired_tokens_total\{consumer="customer-service"\} 1\b/);
    } finally {
      await service.kill();
    }
  });

  /** Starts a process that must refuse: exit code 2 and the one-line reason on stderr. */
  async function refusal(config: ConfigJson, env: NodeJS.ProcessEnv = {}): Promise<string> {
    const service = ServiceProcess.spawn({ http: { port: 0 }, esb: { url: 'http://127.0.0.1:9/esb' }, ...(config as object) }, env);
    try {
      // A process that starts instead of refusing fails the test at once rather than at its timeout.
      const listening = service.listening().then(
        (url) => ({ url }),
        () => new Promise<never>(() => undefined), // it exited before listening: `exited` answers
      );
      const outcome = await Promise.race([service.exited, listening]);
      if ('url' in outcome) expect.fail(`started (${outcome.url}) instead of refusing`);
      expect(outcome.code, service.stderr).to.equal(2);
      return service.stderr.trim();
    } finally {
      await service.kill();
    }
  }

  it('stops on an unset or empty variable, or a missing file, naming the key and the variable or path, never a value', async () => {
    const institution = (apiKey: ConfigJson): ConfigJson => ({ billing: { institutions: [{ instId: '00001', apiKey, encryptType: 'NONE' }] } });
    expect(await refusal(institution({ env: 'BANK_ONE_API_KEY' }))).to.equal(
      'midplat: invalid configuration: config key billing.institutions.0.apiKey: environment variable BANK_ONE_API_KEY is unset or empty',
    );
    expect(await refusal(institution({ env: 'BANK_ONE_API_KEY' }), { BANK_ONE_API_KEY: '' })).to.contain('BANK_ONE_API_KEY is unset or empty');
    const missing = join(folder, 'no-such-secret');
    expect(await refusal({ moneyPlus: { partners: [{ bizId: 'MPLUS', secret: { file: missing }, callbackUrl: 'http://x/cb', queryFields: [] }] } })).to.equal(
      `midplat: invalid configuration: config key moneyPlus.partners.0.secret: cannot read file ${missing} (ENOENT)`,
    );
    const password = await refusal({ database: { url: 'mysql://app@127.0.0.1:9/midplat', password: { env: 'DB_PASSWORD' } } });
    expect(password).to.equal('midplat: invalid configuration: config key database.password: environment variable DB_PASSWORD is unset or empty');
    // A replica URL whose password holds an unencoded `#`: refused by key, the URL never repeated.
    const replica = await refusal({ database: { url: 'mysql://app@127.0.0.1:9/midplat', replicas: [{ env: 'REPLICA_URL' }] } }, { REPLICA_URL: 'mysql://ro:1234#replica-pw@127.0.0.1:9/midplat' });
    expect(replica).to.match(/^midplat: invalid configuration: config key database\.replicas\.0: /);
    expect(replica).to.not.contain('replica-pw').and.not.contain('1234');
  });

  it('refuses demo credentials in production whichever way they arrive (file, variable)', async () => {
    writeFileSync(join(folder, 'demo-key'), 'demo-billing-api-key-00001\n');
    const byFile = await refusal({ billing: { institutions: [{ instId: '00001', apiKey: { file: join(folder, 'demo-key') }, encryptType: 'NONE' }] } });
    expect(byFile).to.match(/config key billing\.institutions\.0\.apiKey: is a demo API key/);
    expect(byFile).to.not.contain('demo-billing-api-key');
    const byEnv = await refusal(
      { moneyPlus: { partners: [{ bizId: 'MPLUS', secret: { env: 'MPLUS_SECRET' }, callbackUrl: 'http://x/cb', queryFields: [] }] } },
      { MPLUS_SECRET: 'whsec_bWlkcGxhdC1kZW1vLXdlYmhvb2sta2V5LTAwMDAwMQ==' },
    );
    expect(byEnv).to.match(/config key moneyPlus\.partners\.0\.secret: is the demo webhook secret/);
    const sm4 = await refusal(
      { billing: { institutions: [{ instId: '2', apiKey: 'bank-two-api-key-000002', encryptType: 'SM4', key: { env: 'SM4_KEY' } }] } },
      { SM4_KEY: '0123456789abcdeffedcba9876543210' },
    );
    expect(sm4).to.match(/config key billing\.institutions\.0\.key: is the demo cipher key/);
  });
});
