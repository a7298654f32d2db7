import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';
import { modelAttributes } from '../ColumnShape.js';
import { BILLING_CUSTOMER_SHAPE } from './billingCustomerShape.js';

export interface BillingCustomerRow {
  id: number;
  company_id: string;
  bill_key: string;
  contract_no: string;
  customer_name: string;
  id_no: string | null;
  customer_phone: string | null;
  customer_address: string | null;
  customer_status: string;
  service_status: string;
  register_date: string;
}
export interface BillingPaymentRow {
  id: number;
  customer_id: number;
  pay_date: string;
  amount_fen: number;
}

type Auto<T extends { id: number }> = Optional<T, 'id'>;

export interface CustomerCheckModels {
  BillingCustomer: ModelStatic<Model<BillingCustomerRow, Auto<BillingCustomerRow>>>;
  BillingPayment: ModelStatic<Model<BillingPaymentRow, Auto<BillingPaymentRow>>>;
}

/** The tables of migration 0005, as Sequelize models (used to write fixtures). */
export function defineCustomerCheckModels(sequelize: Sequelize): CustomerCheckModels {
  const BillingCustomer = sequelize.define<Model<BillingCustomerRow, Auto<BillingCustomerRow>>>(
    'BillingCustomer',
    modelAttributes(BILLING_CUSTOMER_SHAPE),
    { tableName: 'billing_customers', underscored: true, timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  const BillingPayment = sequelize.define<Model<BillingPaymentRow, Auto<BillingPaymentRow>>>(
    'BillingPayment',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      customer_id: { type: DataTypes.INTEGER, allowNull: false },
      pay_date: { type: DataTypes.CHAR(8), allowNull: false },
      amount_fen: { type: DataTypes.BIGINT, allowNull: false },
    },
    { tableName: 'billing_payments', underscored: true, timestamps: true, createdAt: 'created_at', updatedAt: false },
  );
  return { BillingCustomer, BillingPayment };
}
