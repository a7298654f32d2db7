import { inject, injectable } from 'inversify';
import { fixtureString } from '../ColumnShape.js';
import { Database } from '../Database.js';
import type { FixtureSection, LoadMode } from '../fixtures/FixtureSection.js';
import { itemsToWrite } from '../fixtures/itemsToWrite.js';
import { BILLING_CUSTOMER_SHAPE } from './billingCustomerShape.js';
import { defineCustomerCheckModels } from './customerCheckModels.js';

interface BillingCustomerFixture {
  companyId: string;
  billKey: string;
  contractNo: string;
  customerName: string;
  idNo?: string;
  customerPhone?: string;
  customerAddress?: string;
  customerStatus: string;
  serviceStatus: string;
  registerDate: string;
  payments?: { payDate: string; amount: number }[];
}

const YYYYMMDD = { type: 'string', pattern: '^[0-9]{8}$' } as const;

/**
 * Fixture key `billingCustomers` (SPEC 2.3): a customer with its payments, keyed by
 * companyId + billKey. Replacing a customer replaces its payments too.
 */
@injectable()
export class BillingCustomersFixtureSection implements FixtureSection {
  readonly key = 'billingCustomers';
  readonly itemSchema = {
    type: 'object',
    additionalProperties: false,
    required: ['companyId', 'billKey', 'contractNo', 'customerName', 'customerStatus', 'serviceStatus', 'registerDate'],
    properties: {
      companyId: fixtureString(BILLING_CUSTOMER_SHAPE.company_id, 'nonEmpty'),
      billKey: fixtureString(BILLING_CUSTOMER_SHAPE.bill_key, 'nonEmpty'),
      contractNo: fixtureString(BILLING_CUSTOMER_SHAPE.contract_no, 'nonEmpty'),
      customerName: fixtureString(BILLING_CUSTOMER_SHAPE.customer_name, 'nonEmpty'),
      idNo: fixtureString(BILLING_CUSTOMER_SHAPE.id_no),
      customerPhone: fixtureString(BILLING_CUSTOMER_SHAPE.customer_phone),
      customerAddress: fixtureString(BILLING_CUSTOMER_SHAPE.customer_address),
      customerStatus: fixtureString(BILLING_CUSTOMER_SHAPE.customer_status, 'nonEmpty'),
      serviceStatus: fixtureString(BILLING_CUSTOMER_SHAPE.service_status, 'nonEmpty'),
      registerDate: YYYYMMDD,
      payments: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['payDate', 'amount'],
          properties: { payDate: YYYYMMDD, amount: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } },
        },
      },
    },
  };

  constructor(@inject(Database) private readonly database: Database) {}

  async load(items: unknown[], mode: LoadMode): Promise<number> {
    const { BillingCustomer, BillingPayment } = this.database.models(defineCustomerCheckModels);
    const options = this.database.queryOptions();
    const customers = items as BillingCustomerFixture[];
    const found = await BillingCustomer.findAll({
      attributes: ['company_id', 'bill_key'],
      where: { company_id: [...new Set(customers.map((item) => item.companyId))], bill_key: customers.map((item) => item.billKey) },
      ...options,
    });
    const keyOf = (companyId: string, billKey: string) => JSON.stringify([companyId, billKey]);
    const stored = new Set(found.map((row) => keyOf(row.get().company_id, row.get().bill_key)));
    const toWrite = itemsToWrite(this.key, customers, mode, {
      isStored: (item) => stored.has(keyOf(item.companyId, item.billKey)),
      describe: (item) => `customer companyId ${item.companyId} billKey ${item.billKey}`,
    });
    for (const item of toWrite) {
      const row = {
        company_id: item.companyId,
        bill_key: item.billKey,
        contract_no: item.contractNo,
        customer_name: item.customerName,
        id_no: item.idNo ?? null,
        customer_phone: item.customerPhone ?? null,
        customer_address: item.customerAddress ?? null,
        customer_status: item.customerStatus,
        service_status: item.serviceStatus,
        register_date: item.registerDate,
      };
      const existing = await BillingCustomer.findOne({ where: { company_id: item.companyId, bill_key: item.billKey }, ...options });
      let customerId: number;
      if (existing) {
        customerId = existing.get().id;
        await existing.update(row, options);
        await BillingPayment.destroy({ where: { customer_id: customerId }, ...options });
      } else {
        customerId = (await BillingCustomer.create(row, options)).get().id;
      }
      const payments = (item.payments ?? []).map((payment) => ({ customer_id: customerId, pay_date: payment.payDate, amount_fen: payment.amount }));
      if (payments.length > 0) await BillingPayment.bulkCreate(payments, options);
    }
    return toWrite.length;
  }
}
