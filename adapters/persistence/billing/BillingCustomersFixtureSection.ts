import { inject, injectable } from 'inversify';
import { Database } from '../Database.js';
import type { FixtureSection } from '../fixtures/FixtureSection.js';
import { defineBillingModels } from './billingModels.js';

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
 * Fixture key `billingCustomers` (SPEC 2.3): a customer with its payments. Loading the
 * same customer (companyId + billKey) again replaces it and its payments.
 */
@injectable()
export class BillingCustomersFixtureSection implements FixtureSection {
  readonly key = 'billingCustomers';
  readonly itemSchema = {
    type: 'object',
    additionalProperties: false,
    required: ['companyId', 'billKey', 'contractNo', 'customerName', 'customerStatus', 'serviceStatus', 'registerDate'],
    properties: {
      companyId: { type: 'string', minLength: 1, maxLength: 32 },
      billKey: { type: 'string', minLength: 1, maxLength: 64 },
      contractNo: { type: 'string', minLength: 1, maxLength: 64 },
      customerName: { type: 'string', minLength: 1, maxLength: 100 },
      idNo: { type: 'string', maxLength: 32 },
      customerPhone: { type: 'string', maxLength: 32 },
      customerAddress: { type: 'string', maxLength: 255 },
      customerStatus: { type: 'string', minLength: 1, maxLength: 4 },
      serviceStatus: { type: 'string', minLength: 1, maxLength: 4 },
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

  async load(items: unknown[]): Promise<void> {
    const { BillingCustomer, BillingPayment } = this.database.models(defineBillingModels);
    const options = this.database.queryOptions();
    for (const item of items as BillingCustomerFixture[]) {
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
  }
}
