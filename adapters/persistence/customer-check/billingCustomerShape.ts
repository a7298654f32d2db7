import { char, varchar, type ColumnShape } from '../ColumnShape.js';

/** The `billing_customers` table (migration 0005). */
export const BILLING_CUSTOMER_SHAPE = {
  id: { type: 'integer', primaryKey: true, autoIncrement: true },
  company_id: varchar(32, { required: true }),
  bill_key: varchar(64, { required: true }),
  contract_no: varchar(64, { required: true }),
  customer_name: varchar(100, { required: true }),
  id_no: varchar(32),
  customer_phone: varchar(32),
  customer_address: varchar(255),
  customer_status: varchar(4, { required: true }),
  service_status: varchar(4, { required: true }),
  register_date: char(8, { required: true }),
} as const satisfies ColumnShape;
