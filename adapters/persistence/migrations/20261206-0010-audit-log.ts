import { DataTypes, type QueryInterface } from 'sequelize';
import type { Database } from '../Database.js';

/**
 * The audit trail (SPEC 2.2.3): one row per state-changing operator action, written in the
 * transaction of the change. No retention job purges it. Binary collation: actors and
 * actions compare exactly as written.
 */
export async function up(queryInterface: QueryInterface, database: Database): Promise<void> {
  const mysql = database.dialect === 'mysql';
  await queryInterface.createTable(
    'audit_log',
    {
      id: { type: mysql ? DataTypes.BIGINT : DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      at: { type: mysql ? DataTypes.DATE(3) : DataTypes.DATE, allowNull: false },
      actor: { type: DataTypes.STRING(128), allowNull: false },
      action: { type: DataTypes.STRING(40), allowNull: false },
      target: { type: DataTypes.STRING(2000), allowNull: false },
      count: { type: DataTypes.INTEGER, allowNull: false },
      outcome: { type: DataTypes.STRING(40), allowNull: true },
      request_id: { type: DataTypes.STRING(128), allowNull: false },
    },
    { charset: 'utf8mb4', collate: 'utf8mb4_bin' },
  );
  // The console's filters, newest first: by actor, by action, by time.
  await queryInterface.addIndex('audit_log', ['actor', 'id'], { name: 'audit_log_actor' });
  await queryInterface.addIndex('audit_log', ['action', 'id'], { name: 'audit_log_action' });
  await queryInterface.addIndex('audit_log', ['at'], { name: 'audit_log_at' });
}

export async function down(queryInterface: QueryInterface): Promise<void> {
  await queryInterface.dropTable('audit_log');
}
