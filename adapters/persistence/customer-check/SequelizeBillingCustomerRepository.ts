import { inject, injectable } from 'inversify';
import type { BillingCustomerProfile, BillingCustomerRepository, CustomerQuery } from '../../../core/customer-check/ports.js';
import { Database } from '../Database.js';
import { selectRows } from '../selectRows.js';

/** A row of `profileSql`. */
export interface ProfileRow {
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

// One statement per look-up: the customer by a unique index, its payments summed in one
// pass over the covering (customer_id, pay_date, amount_fen) index. Every customer column is
// grouped on, so ONLY_FULL_GROUP_BY servers accept it. SUM comes back as DECIMAL text on MySQL.
const CUSTOMER_COLUMNS = [
  'c.id', 'c.company_id', 'c.bill_key', 'c.contract_no', 'c.customer_name', 'c.customer_phone', 'c.customer_address',
  'c.customer_status', 'c.service_status', 'c.register_date',
].join(', ');
/** The look-up of one customer and its payment summary (also run by the least-work bench route). */
export const profileSql = (where: string) => `
SELECT ${CUSTOMER_COLUMNS},
       COUNT(p.id) AS total_pay_count, COALESCE(SUM(p.amount_fen), 0) AS total_pay_amount, MAX(p.pay_date) AS last_pay_date
  FROM billing_customers c LEFT JOIN billing_payments p ON p.customer_id = c.id
 WHERE ${where}
 GROUP BY ${CUSTOMER_COLUMNS}`;

function wholeNumber(value: number | string | null, column: string): number {
  const number = Number(value ?? 0);
  if (!Number.isSafeInteger(number)) throw new Error(`billing summary ${column} is not a safe integer`);
  return number;
}

/** What CustomerCheck reads from a `profileSql` row (also the least-work bench route's mapping). */
export function toBillingCustomerProfile(row: ProfileRow): BillingCustomerProfile {
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

@injectable()
export class SequelizeBillingCustomerRepository implements BillingCustomerRepository {
  constructor(@inject(Database) private readonly database: Database) {}

  /** CustomerCheck only reads: a usable read replica answers. */
  async findProfile(query: CustomerQuery): Promise<BillingCustomerProfile | null> {
    const [where, replacements] =
      query.queryType === '0'
        ? ['c.company_id = ? AND c.bill_key = ?', [query.companyId, query.billKey]]
        : query.companyId === undefined
          ? ['c.contract_no = ?', [query.contractNo]]
          : ['c.contract_no = ? AND c.company_id = ?', [query.contractNo, query.companyId]];
    const rows = await selectRows<ProfileRow>(this.database, profileSql(where), replacements, { readFrom: 'replica' });
    const row = rows[0];
    return row ? toBillingCustomerProfile(row) : null;
  }
}
