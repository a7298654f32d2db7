import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';

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
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      company_id: { type: DataTypes.STRING(32), allowNull: false },
      bill_key: { type: DataTypes.STRING(64), allowNull: false },
      contract_no: { type: DataTypes.STRING(64), allowNull: false },
      customer_name: { type: DataTypes.STRING(100), allowNull: false },
      id_no: DataTypes.STRING(32),
      customer_phone: DataTypes.STRING(32),
      customer_address: DataTypes.STRING(255),
      customer_status: { type: DataTypes.STRING(4), allowNull: false },
      service_status: { type: DataTypes.STRING(4), allowNull: false },
      register_date: { type: DataTypes.CHAR(8), allowNull: false },
    },
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
