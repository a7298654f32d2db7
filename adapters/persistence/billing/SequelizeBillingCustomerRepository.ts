import { inject, injectable } from 'inversify';
import { QueryTypes } from 'sequelize';
import type { BillingCustomerProfile, BillingCustomerRepository, CustomerQuery } from '../../../core/customer-check/ports.js';
import { Database } from '../Database.js';

interface ProfileRow {
  company_id: string;
  bill_key: string;
  contract_no: string;
  customer_name: string;
  customer_phone: string | null;
  customer_address: string | null;
  customer_status: string;
  service_status: string;
  register_date: string;
  total_pay_count: number | string;
  total_pay_amount: number | string | null;
  last_pay_date: string | null;
}

// One statement per look-up: the customer by a unique index, its payment summary through
// the (customer_id, pay_date) index. SUM comes back as DECIMAL text on MySQL.
const PROFILE = `
SELECT c.company_id, c.bill_key, c.contract_no, c.customer_name, c.customer_phone, c.customer_address,
       c.customer_status, c.service_status, c.register_date,
       (SELECT COUNT(*) FROM billing_payments p WHERE p.customer_id = c.id) AS total_pay_count,
       (SELECT COALESCE(SUM(p.amount_fen), 0) FROM billing_payments p WHERE p.customer_id = c.id) AS total_pay_amount,
       (SELECT MAX(p.pay_date) FROM billing_payments p WHERE p.customer_id = c.id) AS last_pay_date
  FROM billing_customers c`;

function wholeNumber(value: number | string | null, column: string): number {
  const number = Number(value ?? 0);
  if (!Number.isSafeInteger(number)) throw new Error(`billing summary ${column} is not a safe integer`);
  return number;
}

@injectable()
export class SequelizeBillingCustomerRepository implements BillingCustomerRepository {
  constructor(@inject(Database) private readonly database: Database) {}

  async findProfile(query: CustomerQuery): Promise<BillingCustomerProfile | null> {
    const [where, replacements] =
      query.queryType === '0'
        ? ['c.company_id = ? AND c.bill_key = ?', [query.companyId, query.billKey]]
        : query.companyId === undefined
          ? ['c.contract_no = ?', [query.contractNo]]
          : ['c.contract_no = ? AND c.company_id = ?', [query.contractNo, query.companyId]];
    const rows = await this.database.sequelize.query<ProfileRow>(`${PROFILE} WHERE ${where}`, {
      replacements,
      type: QueryTypes.SELECT,
      transaction: this.database.currentTransaction(),
    });
    const row = rows[0];
    if (!row) return null;
    return {
      companyId: row.company_id,
      billKey: row.bill_key,
      contractNo: row.contract_no,
      customerName: row.customer_name,
      customerPhone: row.customer_phone ?? '',
      customerAddress: row.customer_address ?? '',
      customerStatus: row.customer_status,
      serviceStatus: row.service_status,
      registerDate: row.register_date,
      lastPayDate: row.last_pay_date,
      totalPayCount: wholeNumber(row.total_pay_count, 'totalPayCount'),
      totalPayAmount: wholeNumber(row.total_pay_amount, 'totalPayAmount'),
    };
  }
}
