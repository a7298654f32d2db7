import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import mysql from 'mysql2/promise';
import type { ConfigJson } from '../../../config/loadConfig.js';
import { databaseSnapshot as snapshot } from '../../support/databaseSnapshot.js';
import { postJson } from '../../support/http.js';
import { midplatEnv, runMidplatScript } from '../../support/midplatScript.js';
import { bankDataCollidingWithTheDemo, customerCheck, sha256 } from '../../support/productionFixtures.js';
import { ServiceProcess } from '../../support/ServiceProcess.js';
import { createTestDatabase, type TestDatabase } from '../../support/testDatabases.js';

const CS_TOKEN = 'bank-customer-service-token-1';
const BANK_API_KEY = 'bank-one-billing-api-key-0001';
const GET_CREATE_INFO = '/intranet/api/v1.0/createaccount/GetCreateInfo';

/** A production configuration as the README shows it: own tokens, partner, institution; no word about the demo. */
function productionConfig(databaseUrl: string): ConfigJson {
  return {
    http: { port: 0 },
    database: { url: databaseUrl, poolMax: 5 },
    log: { level: 'info' },
    auth: { consumers: [{ name: 'customer-service', tokenSha256: sha256(CS_TOKEN), scopes: ['createinfo:read'] }] },
    esb: { adapter: 'http', url: 'http://127.0.0.1:9/esb', timeoutMs: 2000 },
    moneyPlus: {
      adapter: 'http',
      partners: [{ bizId: 'MPLUS', secret: `whsec_${Buffer.alloc(32, 9).toString('base64')}`, callbackUrl: 'http://127.0.0.1:9/callback', queryFields: ['name'] }],
    },
    billing: { institutions: [{ instId: '00001', apiKey: BANK_API_KEY, encryptType: 'NONE' }] },
  };
}

describe('production start (SPEC 2.2.1, real process)', function () {
  this.timeout(120000);

  describe('on a MariaDB that already holds data sharing keys with the demo', () => {
    let database: TestDatabase;
    let folder: string;
    let configFile: string;
    let service: ServiceProcess | undefined;
    const bank = bankDataCollidingWithTheDemo();

    before(async () => {
      database = await createTestDatabase('mariadb');
      ({ folder, configFile } = ServiceProcess.writeConfig(productionConfig(database.url)));
      writeFileSync(join(folder, 'bank.json'), JSON.stringify(bank.fixture));
      const seeded = await runMidplatScript('seed', [join(folder, 'bank.json')], { env: midplatEnv(configFile) });
      expect(seeded.code, seeded.stderr).to.equal(0);
    });
    after(async () => {
      await service?.kill();
      rmSync(folder, { recursive: true, force: true });
      await database.drop();
    });

    it('starts, loads no demo data, refuses the demo credentials, and serves the data unchanged (twice)', async () => {
      const before = await snapshot(database.url);
      for (let run = 0; run < 2; run += 1) {
        service = ServiceProcess.spawnWithConfigFile(configFile);
        const baseUrl = await service.listening();
        expect(service.logs.map((line) => line.msg)).to.not.include('demo data loaded');

        const own = await customerCheck(baseUrl, BANK_API_KEY, '123456');
        expect([own.status, own.field('RespCode'), own.field('customerAddress'), own.field('totalPayAmount')]).to.deep.equal([200, 'AAAAAAA', '上海市浦东新区世纪大道100号', '4200']);
        const demoCustomer = await customerCheck(baseUrl, BANK_API_KEY, '200001');
        expect(demoCustomer.field('RespCode')).to.equal('ENOCUST');
        const demoKey = await customerCheck(baseUrl, 'demo-billing-api-key-00001', '123456');
        expect([demoKey.status, demoKey.field('RespCode')]).to.deep.equal([403, 'ESECURE']);

        const found = await postJson(`${baseUrl}${GET_CREATE_INFO}`, { seqNo: bank.applicationSeqNo }, { acstkn: CS_TOKEN });
        expect([found.status, found.body.data.map((item: { idno: string }) => item.idno)]).to.deep.equal([200, ['Z100000001']]);
        const demoApplication = await postJson(`${baseUrl}${GET_CREATE_INFO}`, { idno: 'A123456789' }, { acstkn: CS_TOKEN });
        expect(demoApplication.body.data).to.deep.equal([]);
        for (const token of ['demo-cs-token', 'demo-ivr-token', 'demo-kyc-token', 'demo-moneyplus-token']) {
          const refused = await postJson(`${baseUrl}${GET_CREATE_INFO}`, { idno: 'Z100000001' }, { acstkn: token });
          expect([refused.status, refused.body.error.errorCode], token).to.deep.equal([401, 'UNAUTHORIZED']);
        }

        service.child.kill('SIGTERM');
        expect(await service.exited).to.deep.equal({ code: 0, signal: null });
        expect(await snapshot(database.url)).to.deep.equal(before);
      }
    });

    it('seed refuses a key that exists, naming it and writing nothing; --replace replaces', async () => {
      const before = await snapshot(database.url);
      const file = join(folder, 'again.json');
      const customer = (bank.fixture as { billingCustomers: Record<string, unknown>[] }).billingCustomers[0]!;
      writeFileSync(join(folder, 'again.json'), JSON.stringify({ members: [{ memberId: 'M7', accountId: 'A7', digitalLevel: '2B' }], billingCustomers: [{ ...customer, customerAddress: '深圳市' }] }));
      const refused = await runMidplatScript('seed', [file], { env: midplatEnv(configFile) });
      expect(refused.code).to.equal(1);
      expect(refused.stderr.trim()).to.equal('midplat: billingCustomers[0]: customer companyId 654321 billKey 123456 already exists; nothing was loaded (--replace replaces it)');
      expect(await snapshot(database.url)).to.deep.equal(before);

      const replaced = await runMidplatScript('seed', ['--replace', file], { env: midplatEnv(configFile) });
      expect(replaced.code, replaced.stderr).to.equal(0);
      expect(replaced.stdout).to.equal('loaded 1 members, 1 billingCustomers\n');
      const connection = await mysql.createConnection(database.url);
      try {
        const [rows] = await connection.query<mysql.RowDataPacket[]>("SELECT customer_address FROM billing_customers WHERE company_id = '654321' AND bill_key = '123456'");
        expect(rows.map((row) => row.customer_address)).to.deep.equal(['深圳市']);
      } finally {
        await connection.end();
      }
    });
  });

  const demoSecret = 'whsec_bWlkcGxhdC1kZW1vLXdlYmhvb2sta2V5LTAwMDAwMQ==';
  const partner = (secret: string) => ({ bizId: 'MPLUS', secret, callbackUrl: 'http://127.0.0.1:9/callback', queryFields: [] });
  const refusals: [key: string, config: ConfigJson][] = [
    ['auth.consumers.0.tokenSha256', { auth: { consumers: [{ name: 'ivr', tokenSha256: sha256('demo-ivr-token'), scopes: ['upgrade:write'] }] } }],
    ['billing.institutions.0.apiKey', { billing: { institutions: [{ instId: '00001', apiKey: 'demo-billing-api-key-00001', encryptType: 'NONE' }] } }],
    ['billing.institutions.0.key', { billing: { institutions: [{ instId: '00002', apiKey: BANK_API_KEY, encryptType: 'SM4', key: '0123456789abcdeffedcba9876543210' }] } }],
    ['moneyPlus.partners.0.secret', { moneyPlus: { partners: [partner(demoSecret)] } }],
    ['moneyPlus.partners.0.secret', { moneyPlus: { partners: [partner('whsec_A')] } }],
    ['demo.loadOnStart', { demo: { loadOnStart: true } }],
    ['esb.url', { esb: { adapter: 'http' } }],
  ];
  for (const [key, config] of refusals) {
    it(`refuses to start, exit 2, naming ${key}: ${JSON.stringify(config).slice(0, 90)}`, async () => {
      const service = ServiceProcess.spawn({ http: { port: 0 }, esb: { url: 'http://127.0.0.1:9/esb' }, ...(config as object) });
      try {
        const { code } = await service.exited;
        expect(code, service.stderr).to.equal(2);
        expect(service.stderr).to.contain(`midplat: invalid configuration: config key ${key}: `);
        expect(service.logs.map((line) => line.msg)).to.not.include('midplat listening');
      } finally {
        await service.kill();
      }
    });
  }
});
