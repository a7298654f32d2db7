import { DataTypes, type QueryInterface } from 'sequelize';
import type { Database } from '../Database.js';

/**
 * SPEC 3 claim → call → record: an EDDA check being decided carries the claim's expiry
 * and the ESB TransactionID its DA21 call uses (kept after the claim, for every retry).
 */
export async function up(queryInterface: QueryInterface, database: Database): Promise<void> {
  // Millisecond precision: claims expire at the ESB timeout's resolution.
  const time = database.dialect === 'mysql' ? DataTypes.DATE(3) : DataTypes.DATE;
  await queryInterface.addColumn('edda_checks', 'deciding_until', { type: time, allowNull: true });
  await queryInterface.addColumn('edda_checks', 'esb_transaction_id', { type: DataTypes.STRING(40), allowNull: true });
}

export async function down(queryInterface: QueryInterface): Promise<void> {
  await queryInterface.removeColumn('edda_checks', 'esb_transaction_id');
  await queryInterface.removeColumn('edda_checks', 'deciding_until');
}
