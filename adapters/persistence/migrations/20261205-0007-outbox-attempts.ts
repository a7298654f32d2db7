import { DataTypes, type QueryInterface } from 'sequelize';
import type { Database } from '../Database.js';
import { TABLE_OPTIONS } from '../tableOptions.js';

/**
 * The outbox attempt log (SPEC 7): one row per delivery attempt, written in the transaction
 * that records the attempt's outcome. Plus the indexes the operations console and the
 * retention purge read by.
 */
export async function up(queryInterface: QueryInterface, database: Database): Promise<void> {
  const mysql = database.dialect === 'mysql';
  const time = mysql ? DataTypes.DATE(3) : DataTypes.DATE;
  await queryInterface.createTable('outbox_attempts', {
    seq: { type: mysql ? DataTypes.BIGINT : DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    message_id: { type: DataTypes.STRING(36), allowNull: false },
    attempt: { type: DataTypes.INTEGER, allowNull: false },
    started_at: { type: time, allowNull: false },
    duration_ms: { type: DataTypes.INTEGER, allowNull: false },
    succeeded: { type: DataTypes.BOOLEAN, allowNull: false },
    http_status: { type: DataTypes.INTEGER, allowNull: true },
    response_excerpt: { type: DataTypes.STRING(1024), allowNull: true },
    error: { type: DataTypes.STRING(1000), allowNull: true },
  }, TABLE_OPTIONS);
  // A message's attempts, in order (detail view; the purge deletes by message).
  await queryInterface.addIndex('outbox_attempts', ['message_id', 'attempt'], { name: 'outbox_attempts_message' });
  // Deliveries per minute over the last hours (overview chart).
  await queryInterface.addIndex('outbox_attempts', ['started_at'], { name: 'outbox_attempts_started' });
  // The purge: delivered messages older than the horizon, oldest first.
  await queryInterface.addIndex('outbox_messages', ['status', 'delivered_at'], { name: 'outbox_messages_delivered' });
  // Console search by uid.
  await queryInterface.addIndex('outbox_messages', ['partition_key', 'seq'], { name: 'outbox_messages_partition_key' });
  // The purge of processed KYC event ids (they only serve deduplication).
  await queryInterface.addIndex('kyc_processed_events', ['processed_at'], { name: 'kyc_processed_events_processed_at' });
}

export async function down(queryInterface: QueryInterface): Promise<void> {
  await queryInterface.removeIndex('kyc_processed_events', 'kyc_processed_events_processed_at');
  await queryInterface.removeIndex('outbox_messages', 'outbox_messages_partition_key');
  await queryInterface.removeIndex('outbox_messages', 'outbox_messages_delivered');
  await queryInterface.dropTable('outbox_attempts');
}
