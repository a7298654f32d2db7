import { DataTypes, type QueryInterface } from 'sequelize';
import { TABLE_OPTIONS } from '../tableOptions.js';

/**
 * Utility-billing customers and their payments (SPEC 6, fixture key `billingCustomers`).
 * Dates are CHAR(8) YYYYMMDD, the partners' own format, whose text order is date order;
 * amounts are integer fen.
 */
export async function up(queryInterface: QueryInterface): Promise<void> {
  await queryInterface.createTable('billing_customers', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    company_id: { type: DataTypes.STRING(32), allowNull: false },
    bill_key: { type: DataTypes.STRING(64), allowNull: false },
    contract_no: { type: DataTypes.STRING(64), allowNull: false },
    customer_name: { type: DataTypes.STRING(100), allowNull: false },
    id_no: { type: DataTypes.STRING(32), allowNull: true },
    customer_phone: { type: DataTypes.STRING(32), allowNull: true },
    customer_address: { type: DataTypes.STRING(255), allowNull: true },
    customer_status: { type: DataTypes.STRING(4), allowNull: false },
    service_status: { type: DataTypes.STRING(4), allowNull: false },
    register_date: { type: DataTypes.CHAR(8), allowNull: false },
    created_at: { type: DataTypes.DATE, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  }, TABLE_OPTIONS);
  await queryInterface.addIndex('billing_customers', ['company_id', 'bill_key'], { name: 'billing_customers_bill_key', unique: true });
  // Contract numbers are issued by the platform, so one names one customer across companies.
  await queryInterface.addIndex('billing_customers', ['contract_no'], { name: 'billing_customers_contract_no', unique: true });

  await queryInterface.createTable('billing_payments', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    customer_id: { type: DataTypes.INTEGER, allowNull: false },
    pay_date: { type: DataTypes.CHAR(8), allowNull: false },
    amount_fen: { type: DataTypes.BIGINT, allowNull: false },
    created_at: { type: DataTypes.DATE, allowNull: false },
  }, TABLE_OPTIONS);
  // Covers the CustomerCheck summary (count, sum, last date) without touching the table.
  await queryInterface.addIndex('billing_payments', ['customer_id', 'pay_date', 'amount_fen'], { name: 'billing_payments_customer' });
}

export async function down(queryInterface: QueryInterface): Promise<void> {
  await queryInterface.dropTable('billing_payments');
  await queryInterface.dropTable('billing_customers');
}
