import type { BillingCustomerProfile, BillingCustomerRepository, CustomerQuery } from '../../core/customer-check/ports.js';

export interface StoredBillingCustomer {
  companyId: string;
  billKey: string;
  contractNo: string;
  customerName: string;
  customerPhone: string;
  customerAddress: string;
  customerStatus: string;
  serviceStatus: string;
  registerDate: string;
  payments: { payDate: string; amount: number }[];
}

/** Billing customers in memory, summarised the way the SQL adapter does. */
export class InMemoryBillingCustomerRepository implements BillingCustomerRepository {
  readonly customers: StoredBillingCustomer[] = [];
  readonly queries: CustomerQuery[] = [];

  add(customer: StoredBillingCustomer): this {
    this.customers.push(customer);
    return this;
  }

  async findProfile(query: CustomerQuery): Promise<BillingCustomerProfile | null> {
    this.queries.push(query);
    const found = this.customers.find((customer) =>
      query.queryType === '0'
        ? customer.companyId === query.companyId && customer.billKey === query.billKey
        : customer.contractNo === query.contractNo && (query.companyId === undefined || customer.companyId === query.companyId),
    );
    if (!found) return null;
    const { payments, ...customer } = found;
    const lastPayDate = payments.reduce<string | null>((last, p) => (last === null || p.payDate > last ? p.payDate : last), null);
    return {
      ...customer,
      lastPayDate,
      totalPayCount: payments.length,
      totalPayAmount: payments.reduce((sum, p) => sum + p.amount, 0),
    };
  }
}
