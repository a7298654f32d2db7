import { varchar, type ColumnShape } from '../ColumnShape.js';

/** The `members` table (migration 0001). */
export const MEMBER_SHAPE = {
  member_id: varchar(64, { primaryKey: true }),
  idno: varchar(20),
  phone: varchar(20),
  name: varchar(100),
  account_id: varchar(32, { required: true }),
  prod_name: varchar(32, { required: true }),
  digital_level: varchar(8, { required: true }),
} as const satisfies ColumnShape;
