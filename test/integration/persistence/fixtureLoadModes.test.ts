import 'reflect-metadata';
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { customerCheckPersistenceModule } from '../../../adapters/persistence/customer-check/customerCheckPersistenceModule.js';
import type { Database } from '../../../adapters/persistence/Database.js';
import { FixtureLoader } from '../../../adapters/persistence/fixtures/FixtureLoader.js';
import type { LoadMode } from '../../../adapters/persistence/fixtures/FixtureSection.js';
import { InvalidFixture } from '../../../adapters/persistence/fixtures/InvalidFixture.js';
import { getCreateInfoPersistenceModule } from '../../../adapters/persistence/get-create-info/getCreateInfoPersistenceModule.js';
import { kycChangeNotifierPersistenceModule } from '../../../adapters/persistence/kyc-change-notifier/kycChangeNotifierPersistenceModule.js';
import { upgradeAccountPersistenceModule } from '../../../adapters/persistence/upgrade-account/upgradeAccountPersistenceModule.js';
import { anApplication } from '../../support/ApplicationMother.js';
import { DATABASE_KINDS } from '../../support/testDatabases.js';
import { aMemberFixture } from '../../support/MemberMother.js';
import { createMigratedDatabase, type MigratedDatabase } from '../../support/migratedDatabase.js';
import { rejectionOf } from '../../support/rejectionOf.js';

const member = (memberId: string, name?: string) => aMemberFixture({ memberId, ...(name && { name }) });
const customer = (billKey: string, customerAddress = '北京市朝阳区建国路88号', payments = [{ payDate: '20231015', amount: 15000 }]) => ({
  companyId: '654321',
  billKey,
  contractNo: `C-${billKey}`,
  customerName: '张三',
  customerAddress,
  customerStatus: '1',
  serviceStatus: '1',
  registerDate: '20200101',
  payments,
});
const profile = (uid: string, walletStatus = 'ACTIVE') => ({ uid, walletStatus });

/** What SPEC 2.2.1 says of fixture loading: insert refuses an existing key by name, --replace replaces, the demo start keeps what is there. */
for (const kind of DATABASE_KINDS) {
  describe(`fixture load modes on ${kind}`, () => {
    let scratch: MigratedDatabase;
    let database: Database;
    let loader: FixtureLoader;

    beforeEach(async () => {
      scratch = await createMigratedDatabase(kind);
      database = scratch.database;
      const container = scratch.container(upgradeAccountPersistenceModule, getCreateInfoPersistenceModule, customerCheckPersistenceModule, kycChangeNotifierPersistenceModule);
      loader = container.get(FixtureLoader);
    });

    afterEach(async () => {
      await scratch.close();
    });

    const rows = (sql: string) => database.sequelize.query<Record<string, unknown>>(sql, { type: QueryTypes.SELECT });
    const count = async (table: string) => Number((await rows(`SELECT COUNT(*) AS n FROM ${table}`))[0]!.n);
    const failure = async (fixture: object, mode?: LoadMode) => (await rejectionOf(loader.load(fixture, mode), InvalidFixture)).message;

    const cases = [
      { section: 'members', stored: member('M1'), fresh: member('M2'), named: 'memberId M1', table: 'members' },
      { section: 'billingCustomers', stored: customer('123456'), fresh: customer('200001'), named: 'customer companyId 654321 billKey 123456', table: 'billing_customers' },
      { section: 'kycProfiles', stored: profile('u1'), fresh: profile('u2'), named: 'uid u1', table: 'kyc_profiles' },
      { section: 'moneyPlusSubscriptions', stored: { uid: 'u1', bizId: 'MPLUS' }, fresh: { uid: 'u2', bizId: 'MPLUS' }, named: 'subscription of uid u1 to MPLUS', table: 'moneyplus_subscriptions' },
    ] as const;

    for (const { section, stored, fresh, named, table } of cases) {
      it(`${section}: insert refuses an existing key, naming it, and writes nothing of the file`, async () => {
        await loader.load({ [section]: [stored] });
        const message = await failure({ members: [member('M9')], [section]: [fresh, stored] });
        expect(message).to.equal(`${section}[1]: ${named} already exists; nothing was loaded (--replace replaces it)`);
        expect(await count(table)).to.equal(1);
        expect(await count('members')).to.equal(section === 'members' ? 1 : 0);
      });
    }

    it('replace replaces a stored member, customer (payments too) and profile', async () => {
      await loader.load({ members: [member('M1')], billingCustomers: [customer('123456')], kycProfiles: [profile('u1')] });
      await loader.load(
        { members: [member('M1', '陳美玲')], billingCustomers: [customer('123456', '上海市', [])], kycProfiles: [profile('u1', 'BANNED')] },
        'replace',
      );
      expect((await rows('SELECT name FROM members'))[0]!.name).to.equal('陳美玲');
      expect((await rows('SELECT customer_address FROM billing_customers'))[0]!.customer_address).to.equal('上海市');
      expect(await count('billing_payments')).to.equal(0);
      expect((await rows('SELECT wallet_status FROM kyc_profiles'))[0]!.wallet_status).to.equal('BANNED');
    });

    it('keepExisting (the demo start) leaves stored rows exactly as they are and adds the absent ones', async () => {
      await loader.load({ members: [member('M1', '本行客戶')], billingCustomers: [customer('123456', '本行地址', [{ payDate: '20250101', amount: 1 }])] });
      const before = await rows('SELECT * FROM billing_customers ORDER BY id');
      const counts = await loader.load(
        { members: [member('M1'), member('M2')], billingCustomers: [customer('123456'), customer('200001')] },
        'keepExisting',
      );
      expect(counts).to.deep.equal({ members: 1, billingCustomers: 1 });
      expect((await rows("SELECT name FROM members WHERE member_id = 'M1'"))[0]!.name).to.equal('本行客戶');
      expect((await rows('SELECT * FROM billing_customers ORDER BY id')).slice(0, 1)).to.deep.equal(before);
      expect((await rows('SELECT amount_fen FROM billing_payments ORDER BY id')).map((row) => Number(row.amount_fen))).to.deep.equal([1, 15000]);
      expect(await count('edda_checks')).to.equal(2);
    });

    describe('applications whose child keys another application holds', () => {
      const stored = anApplication().withIdno('K200000001').build();
      const clashing = () => {
        const other = anApplication().withIdno('K200000002').build();
        return { ...other, createDetails: [{ ...other.createDetails[0]!, seqNo: stored.createDetails[0]!.seqNo }] };
      };

      beforeEach(() => loader.load({ applications: [stored] }));

      it('insert and replace refuse them, naming the table and key, writing nothing', async () => {
        const other = clashing();
        const expected = `applications[1] (seqNo ${other.seqNo}): create_detail.seq_no ${stored.createDetails[0]!.seqNo} already exists in another application; nothing was loaded`;
        const fresh = anApplication().withIdno('K200000003').build();
        expect(await failure({ applications: [fresh, other] })).to.equal(expected);
        expect(await failure({ applications: [fresh, other] }, 'replace')).to.equal(expected);
        expect(await count('create_master')).to.equal(1);
      });

      it('insert refuses an application whose seqNo exists, naming it', async () => {
        expect(await failure({ applications: [stored] })).to.equal(`applications[0]: seqNo ${stored.seqNo} already exists; nothing was loaded (--replace replaces it)`);
      });

      it('keepExisting skips them whole and loads the rest', async () => {
        const fresh = anApplication().withIdno('K200000004').build();
        expect(await loader.load({ applications: [clashing(), stored, fresh] }, 'keepExisting')).to.deep.equal({ applications: 1 });
        expect((await rows('SELECT idno FROM create_master ORDER BY idno')).map((row) => row.idno)).to.deep.equal(['K200000001', 'K200000004']);
      });
    });

    it('names a key repeated inside one file, in every mode', async () => {
      for (const mode of ['insert', 'replace', 'keepExisting'] as const) {
        expect(await failure({ kycProfiles: [profile('u1'), profile('u2'), profile('u1')] }, mode)).to.equal('kycProfiles[2]: uid u1 appears twice in the file; nothing was loaded');
      }
      expect(await count('kyc_profiles')).to.equal(0);
    });

    it('names a child key repeated inside one file instead of answering "Validation error"', async () => {
      const first = anApplication().withIdno('K200000005').build();
      const second = anApplication().withIdno('K200000006').build();
      const twin = { ...second, createDetails: [{ ...second.createDetails[0]!, seqNo: first.createDetails[0]!.seqNo }] };
      expect(await failure({ applications: [first, twin] })).to.match(/^applications: duplicate key.*; nothing was loaded$/);
      expect(await count('create_master')).to.equal(0);
    });
  });
}
