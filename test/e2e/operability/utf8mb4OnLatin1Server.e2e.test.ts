import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import fc from 'fast-check';
import mysql from 'mysql2/promise';
import { maskPii } from '../../../adapters/logging/maskPii.js';
import { Database } from '../../../adapters/persistence/Database.js';
import { FixtureLoader } from '../../../adapters/persistence/fixtures/FixtureLoader.js';
import { migrate } from '../../../adapters/persistence/migrate.js';
import { projectRoot } from '../../../config/projectRoot.js';
import type { ApplicationRecord } from '../../../core/get-create-info/Application.js';
import { APPLICATION_SHAPE, type Shape } from '../../../core/get-create-info/createInfoShape.js';
import { anyApplication, withConsistentKeys } from '../../support/applicationArbitrary.js';
import { aBillingCustomer } from '../../support/customerCheckMothers.js';
import { outField, postBilling } from '../../support/customerCheckHttp.js';
import { postJson } from '../../support/http.js';
import { SITI_INFO } from '../../support/KycProfileMother.js';
import { aMemberFixture } from '../../support/MemberMother.js';
import { ScratchMariaDb } from '../../support/ScratchMariaDb.js';
import { startTestService, type TestService } from '../../support/startTestService.js';

/**
 * Issue 20 item 5: MariaDB as its authors ship it defaults to latin1. On such a server, in a
 * database created without a character set, the migrations must still give every table
 * utf8mb4, and names and addresses holding 吉𠮷 (astral), 張 (traditional) and 䶮
 * (Extension A) must come back unchanged through every API that shows them.
 */
const NAME = '吉𠮷某某A張䶮';
const ADDRESS = '吉𠮷路8號 張䶮大廈 A&B座';
const MAILING_ADDRESS = '䶮張路9號 吉𠮷信箱';
const LATIN1_SERVER = ['--character-set-server=latin1', '--collation-server=latin1_swedish_ci'];

const PLAIN_KEY = 'demo-billing-api-key-00001';
const SECRET = 'whsec_ZTJlLW1vbmV5cGx1cy13ZWJob29rLWtleS0wMDAwMDE=';
const CS = { acstkn: 'demo-cs-token' };
const MONEYPLUS = { acstkn: 'demo-moneyplus-token' };
const OPS = { acstkn: 'demo-ops-token' };

const UID = 'u-utf8mb4';
const MEMBER_ID = 'M0000000077';
const customer = aBillingCustomer({ customerName: NAME, customerAddress: ADDRESS });
const REQUEST = readFileSync(join(projectRoot, 'test', 'fixtures', 'customer-check', 'customer-check-request.gbk.xml'));

/** Every text field of a GetCreateInfo application named for a name or an address, at any depth, set to one of ours. */
function withChineseNamesAndAddresses(application: ApplicationRecord): ApplicationRecord {
  const fill = (record: Record<string, unknown>, shape: Shape) => {
    for (const [field, spec] of Object.entries(shape)) {
      const value = record[field];
      const isName = /name/i.test(field);
      if (spec.kind === 'object' && value) fill(value as Record<string, unknown>, spec.fields);
      else if (spec.kind === 'array') (value as Record<string, unknown>[]).forEach((item) => fill(item, spec.fields));
      else if (spec.kind === 'codeName' && value) (value as Record<string, unknown>).name = NAME;
      else if (spec.kind === 'string' && !spec.enum && !spec.pattern && (isName || /addr/i.test(field))) {
        const text = isName ? NAME : ADDRESS;
        // Not the codes (cardAddressCode holds 8 characters).
        if ((spec.maxLength ?? 0) >= text.length) record[field] = text;
      }
    }
  };
  const copy = structuredClone(application);
  fill(copy as unknown as Record<string, unknown>, APPLICATION_SHAPE);
  return copy;
}

/** A GBK `<out>` field's text with its numeric character references resolved. */
function gbkOutText(bytes: Buffer, field: string): string | undefined {
  return outField(bytes, field)?.replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code))).replace(/&amp;/g, '&');
}

async function withConnection<T>(url: string, work: (connection: mysql.Connection) => Promise<T>): Promise<T> {
  const connection = await mysql.createConnection(url);
  try {
    return await work(connection);
  } finally {
    await connection.end();
  }
}

/** Tables and text columns of the database that are not utf8mb4 / utf8mb4_bin, as `table` or `table.column collation`. */
async function notUtf8mb4Bin(url: string): Promise<string[]> {
  return withConnection(url, async (connection) => {
    const [tables] = await connection.query<mysql.RowDataPacket[]>(
      "SELECT TABLE_NAME AS name, TABLE_COLLATION AS collation FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'",
    );
    const [columns] = await connection.query<mysql.RowDataPacket[]>(
      'SELECT TABLE_NAME AS tableName, COLUMN_NAME AS name, COLLATION_NAME AS collation FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND COLLATION_NAME IS NOT NULL',
    );
    expect(tables.length).to.be.greaterThan(20);
    return [
      ...tables.filter((table) => table.collation !== 'utf8mb4_bin').map((table) => `${table.name} ${table.collation}`),
      ...columns.filter((column) => column.collation !== 'utf8mb4_bin').map((column) => `${column.tableName}.${column.name} ${column.collation}`),
    ];
  });
}

describe('utf8mb4 on a MariaDB server whose default character set is latin1 (e2e)', function () {
  this.timeout(180000);
  let server: ScratchMariaDb;

  before(async () => {
    server = await ScratchMariaDb.create(LATIN1_SERVER);
    await server.start();
  });
  after(async () => {
    await server?.destroy();
  });

  describe('a new installation', () => {
    let url: string;
    let app: TestService;
    const application = withChineseNamesAndAddresses(withConsistentKeys(fc.sample(anyApplication, { numRuns: 1, seed: 20 })[0]!, 'UTF8MB4-1'));

    before(async () => {
      url = await server.createDatabase('midplat_new', { serverDefault: true });
      app = await startTestService(
        'mariadb',
        {
          billing: { institutions: [{ instId: '00001', apiKey: PLAIN_KEY, encryptType: 'NONE', key: '' }] },
          moneyPlus: { partners: [{ bizId: 'MPLUS', secret: SECRET, callbackUrl: 'http://127.0.0.1:9/', queryFields: ['name', 'address', 'mailing_address'] }] },
        },
        { database: { kind: 'mariadb', url, drop: async () => undefined } },
      );
      await app.service.container.get(FixtureLoader).load({
        applications: [application],
        members: [aMemberFixture({ memberId: MEMBER_ID, name: NAME })],
        kycProfiles: [
          { uid: UID, walletStatus: 'ACTIVE', clientStatus: 3, level: 300, isMeetBusiness: true, info: { ...SITI_INFO, name: NAME, address: ADDRESS, mailingAddress: MAILING_ADDRESS } },
        ],
        moneyPlusSubscriptions: [{ uid: UID, bizId: 'MPLUS' }],
        billingCustomers: [customer],
      });
    });
    after(async () => {
      await app?.stop();
    });

    it('runs in a database whose default character set is latin1 (what the test is about)', async () => {
      const [[row]] = await withConnection(url, (connection) => connection.query<mysql.RowDataPacket[]>('SELECT @@character_set_database AS charset'));
      expect(row!.charset).to.equal('latin1');
    });

    it('leaves every table and every text column in utf8mb4 with utf8mb4_bin', async () => {
      expect(await notUtf8mb4Bin(url)).to.deep.equal([]);
    });

    it('reads names and addresses back unchanged through GetCreateInfo', async () => {
      const response = await postJson(`${app.baseUrl}/intranet/api/v1.0/createaccount/GetCreateInfo`, { seqNo: application.seqNo }, CS);
      expect(response.status).to.equal(200);
      const { abnormalPid, ...item } = response.body.data[0];
      expect(item).to.deep.equal(application);
      expect(abnormalPid).to.deep.equal([]);
      expect(JSON.stringify(item)).to.contain(NAME).and.to.contain(ADDRESS);
    });

    it('reads them back through CustomerCheck in JSON and in GBK XML (references for what GBK lacks)', async () => {
      const json = await postBilling(
        app.baseUrl,
        JSON.stringify({ Version: '1.0.1', InstId: '00001', TranCode: 'CustomerCheck', TranDate: '20240101', TranSeq: 'U1', queryType: 1, contractNo: customer.contractNo }),
        { 'content-type': 'application/json', 'x-api-key': PLAIN_KEY, datatype: 'JSON' },
      );
      expect(json.status).to.equal(200);
      expect(JSON.parse(json.bytes.toString('utf8'))).to.include({ customerName: NAME, customerAddress: ADDRESS });

      const xml = await postBilling(app.baseUrl, REQUEST, { 'content-type': 'application/xml', 'x-api-key': PLAIN_KEY });
      expect(xml.status).to.equal(200);
      expect(outField(xml.bytes, 'customerName')).to.equal('吉&#134071;某某A張&#19886;');
      expect(gbkOutText(xml.bytes, 'customerName')).to.equal(NAME);
      expect(gbkOutText(xml.bytes, 'customerAddress')).to.equal(ADDRESS);
    });

    it('reads them back through QueryFieldResult', async () => {
      const response = await postJson(`${app.baseUrl}/intranet/api/v1.0/moneyplus/QueryFieldResult`, { uid: UID, bizId: 'MPLUS' }, MONEYPLUS);
      expect(response.status).to.equal(200);
      expect(response.body.data.fields).to.include({ name: NAME, address: ADDRESS, mailing_address: MAILING_ADDRESS });
    });

    it("shows them, masked as the console masks them, in the console's member and KYC views", async () => {
      const member = await postJson(`${app.baseUrl}/ops/api/members/get`, { memberId: MEMBER_ID }, OPS);
      expect(member.status).to.equal(200);
      expect(member.body.data.member.name).to.equal((maskPii({ name: NAME }) as { name: string }).name);
      const kyc = await postJson(`${app.baseUrl}/ops/api/kyc/profile`, { uid: UID }, OPS);
      expect(kyc.status).to.equal(200);
      const { name, address, mailingAddress } = kyc.body.data.profile.info;
      expect({ name, address, mailingAddress }).to.deep.equal(maskPii({ name: NAME, address: ADDRESS, mailingAddress: MAILING_ADDRESS }));
      // The masks keep the ends: the characters there came back from the database as stored.
      expect(name).to.match(/^吉𠮷.*A張䶮$/u);
    });
  });

  describe('an installation made by an earlier version', () => {
    const OLD_TEXT = 'Zoë Müller, Straße 5';

    it('converts its latin1 tables, keeping their rows and column types, and only those', async () => {
      const url = await server.createDatabase('midplat_old', { serverDefault: true });
      const statements: string[] = [];
      const database = new Database({ url, poolMax: 2, onQuery: (sql) => statements.push(sql) });
      try {
        await migrate(database);
        // What a version before migration 0008 left on this server: latin1 tables (one with TEXT columns) holding rows.
        await withConnection(url, async (connection) => {
          await connection.query('ALTER TABLE billing_customers CONVERT TO CHARACTER SET latin1 COLLATE latin1_swedish_ci');
          await connection.query('ALTER TABLE kyc_profiles CONVERT TO CHARACTER SET latin1 COLLATE latin1_swedish_ci, MODIFY reject_reason TEXT NULL, MODIFY delete_reason TEXT NULL, MODIFY reject_reason_keys TEXT NULL, MODIFY delete_reason_keys TEXT NULL');
          await connection.query("DELETE FROM schema_migrations WHERE name = '20261206-0008-utf8mb4'");
        });
        await database.sequelize.query(
          "INSERT INTO billing_customers (company_id, bill_key, contract_no, customer_name, customer_address, customer_status, service_status, register_date, created_at, updated_at) VALUES ('1', '2', '3', ?, ?, '1', '1', '20200101', NOW(), NOW())",
          { replacements: [OLD_TEXT, OLD_TEXT] },
        );
        await database.sequelize.query("INSERT INTO kyc_profiles (uid, wallet_status, reject_reason, created_at, updated_at) VALUES ('old', 'ACTIVE', ?, NOW(), NOW())", { replacements: [OLD_TEXT] });
        expect(await notUtf8mb4Bin(url)).to.include.members(['billing_customers latin1_swedish_ci', 'kyc_profiles latin1_swedish_ci']);

        statements.length = 0;
        expect(await migrate(database)).to.deep.equal(['20261206-0008-utf8mb4']);
        const altered = statements.map((sql) => /\bALTER TABLE `([^`]+)`/i.exec(sql)?.[1]).filter((table) => table !== undefined);
        expect(altered.sort()).to.deep.equal(['billing_customers', 'kyc_profiles']);
        expect(await notUtf8mb4Bin(url)).to.deep.equal([]);

        const [[row]] = await withConnection(url, (connection) =>
          connection.query<mysql.RowDataPacket[]>("SELECT c.customer_name AS name, k.reject_reason AS reason FROM billing_customers c, kyc_profiles k WHERE k.uid = 'old'"),
        );
        expect(row).to.deep.equal({ name: OLD_TEXT, reason: OLD_TEXT });
        const [types] = await withConnection(url, (connection) =>
          connection.query<mysql.RowDataPacket[]>("SELECT COLUMN_NAME AS name, DATA_TYPE AS type FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'kyc_profiles' AND COLUMN_NAME LIKE '%reason%' ORDER BY COLUMN_NAME"),
        );
        expect(types.map((column) => `${column.name} ${column.type}`)).to.deep.equal([
          'delete_reason text', 'delete_reason_keys text', 'reject_reason text', 'reject_reason_keys text',
        ]);
        await database.sequelize.query("UPDATE billing_customers SET customer_name = ? WHERE bill_key = '2'", { replacements: [NAME] });
        const [[stored]] = await withConnection(url, (connection) => connection.query<mysql.RowDataPacket[]>("SELECT customer_name AS name FROM billing_customers WHERE bill_key = '2'"));
        expect(stored!.name).to.equal(NAME);
      } finally {
        await database.close();
      }
    });
  });
});
