import 'reflect-metadata';
import { expect } from 'chai';
import type { Container } from 'inversify';
import { customerCheckPersistenceModule } from '../../../adapters/persistence/customer-check/customerCheckPersistenceModule.js';
import type { Database } from '../../../adapters/persistence/Database.js';
import { FixtureLoader } from '../../../adapters/persistence/fixtures/FixtureLoader.js';
import { InvalidFixture } from '../../../adapters/persistence/fixtures/InvalidFixture.js';
import { migrate, migrateDownAll } from '../../../adapters/persistence/migrate.js';
import { BillingCustomerRepository } from '../../../core/customer-check/ports.js';
import { aBillingCustomer } from '../../support/customerCheckMothers.js';
import { DATABASE_KINDS } from '../../support/testDatabases.js';
import { createMigratedDatabase, type MigratedDatabase } from '../../support/migratedDatabase.js';
import { rejectionOf } from '../../support/rejectionOf.js';

/** The seed's customer as a fixture item: a name GBK cannot hold, an ID number, and a payment past 2^32 fen. */
const customer = (overrides: Record<string, unknown> = {}) => ({
  ...aBillingCustomer({
    customerName: '张𠮷',
    payments: [
      { payDate: '20231015', amount: 15000 },
      { payDate: '20231215', amount: 4_000_000_000_000 },
      { payDate: '20231115', amount: 19000 },
    ],
  }),
  idNo: '110101199001011234',
  ...overrides,
});

const expectedProfile = {
  companyId: '654321',
  billKey: '123456',
  contractNo: 'CONTRACT001',
  customerName: '张𠮷',
  customerPhone: '13812345678',
  customerAddress: '北京市朝阳区建国路88号',
  customerStatus: '1',
  serviceStatus: '1',
  registerDate: '20200101',
  lastPayDate: '20231215',
  totalPayCount: 3,
  totalPayAmount: 4_000_000_034_000,
};

for (const kind of DATABASE_KINDS) {
  describe(`billing customer repository on ${kind}`, () => {
    let scratch: MigratedDatabase;
    let database: Database;
    let container: Container;
    let repository: BillingCustomerRepository;

    beforeEach(async () => {
      scratch = await createMigratedDatabase(kind);
      database = scratch.database;
      container = scratch.container(customerCheckPersistenceModule);
      repository = container.get<BillingCustomerRepository>(BillingCustomerRepository);
    });

    afterEach(async () => {
      await scratch.close();
    });

    it('reads a loaded customer back by billKey within companyId, with its payment summary (beyond 32 bits)', async () => {
      await container.get(FixtureLoader).load({ billingCustomers: [customer(), customer({ companyId: '111111', contractNo: 'C2', customerName: '李四' })] });
      expect(await repository.findProfile({ queryType: '0', companyId: '654321', billKey: '123456' })).to.deep.equal(expectedProfile);
    });

    it('reads a customer by contractNo, narrowed by companyId when given', async () => {
      await container.get(FixtureLoader).load({ billingCustomers: [customer()] });
      expect(await repository.findProfile({ queryType: '1', contractNo: 'CONTRACT001' })).to.deep.equal(expectedProfile);
      expect(await repository.findProfile({ queryType: '1', contractNo: 'CONTRACT001', companyId: '654321' })).to.deep.equal(expectedProfile);
      expect(await repository.findProfile({ queryType: '1', contractNo: 'CONTRACT001', companyId: '000000' })).to.equal(null);
    });

    it('finds nobody for an unknown key, another company or another letter case', async () => {
      await container.get(FixtureLoader).load({ billingCustomers: [customer({ billKey: 'AB12' })] });
      expect(await repository.findProfile({ queryType: '0', companyId: '654321', billKey: 'nobody' })).to.equal(null);
      expect(await repository.findProfile({ queryType: '0', companyId: '999999', billKey: 'AB12' })).to.equal(null);
      expect(await repository.findProfile({ queryType: '0', companyId: '654321', billKey: 'ab12' })).to.equal(null);
    });

    it('gives a customer without payments zero totals and no last pay date, and empty optional fields', async () => {
      const bare: Record<string, unknown> = customer({ payments: [] });
      for (const optional of ['idNo', 'customerPhone', 'customerAddress']) delete bare[optional];
      await container.get(FixtureLoader).load({ billingCustomers: [bare] });
      expect(await repository.findProfile({ queryType: '0', companyId: '654321', billKey: '123456' })).to.deep.include({
        customerPhone: '',
        customerAddress: '',
        lastPayDate: null,
        totalPayCount: 0,
        totalPayAmount: 0,
      });
    });

    it('with replace, replaces a customer and its payments when the same one is loaded again', async () => {
      const loader = container.get(FixtureLoader);
      await loader.load({ billingCustomers: [customer()] });
      await loader.load({ billingCustomers: [customer({ customerStatus: '2', payments: [{ payDate: '20240101', amount: 100 }] })] }, 'replace');
      expect(await repository.findProfile({ queryType: '0', companyId: '654321', billKey: '123456' })).to.deep.include({
        customerStatus: '2',
        lastPayDate: '20240101',
        totalPayCount: 1,
        totalPayAmount: 100,
      });
    });

    it('refuses a fixture with a malformed date, writing nothing', async () => {
      const error = await rejectionOf(container.get(FixtureLoader).load({ billingCustomers: [customer({ billKey: 'OK' }), customer({ registerDate: '2020-01-01' })] }), InvalidFixture);
      expect(error.message).to.contain('billingCustomers[1]/registerDate');
      expect(await repository.findProfile({ queryType: '0', companyId: '654321', billKey: 'OK' })).to.equal(null);
    });

    it('migrates down and up again', async () => {
      await migrateDownAll(database);
      await migrate(database);
      expect(await repository.findProfile({ queryType: '1', contractNo: 'x' })).to.equal(null);
    });
  });
}
