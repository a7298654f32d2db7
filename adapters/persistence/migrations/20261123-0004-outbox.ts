import { DataTypes, type QueryInterface } from 'sequelize';
import type { Database } from '../Database.js';
import { TABLE_OPTIONS } from '../tableOptions.js';

/**
 * The transactional outbox (SPEC 7). `seq` orders messages within a partition; `id` is the
 * public, retry-stable message id (UUIDv7) that receivers see (Money+: `webhook-id`).
 */
export async function up(queryInterface: QueryInterface, database: Database): Promise<void> {
  const mysql = database.dialect === 'mysql';
  // Millisecond precision: leases and backoffs are compared at that resolution.
  const time = mysql ? DataTypes.DATE(3) : DataTypes.DATE;
  await queryInterface.createTable('outbox_messages', {
    // SQLite only auto-increments an INTEGER PRIMARY KEY.
    seq: { type: mysql ? DataTypes.BIGINT : DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    id: { type: DataTypes.STRING(36), allowNull: false, unique: true },
    topic: { type: DataTypes.STRING(64), allowNull: false },
    partition_key: { type: DataTypes.STRING(128), allowNull: false },
    payload: { type: mysql ? DataTypes.TEXT('medium') : DataTypes.TEXT, allowNull: false },
    status: { type: DataTypes.STRING(8), allowNull: false },
    attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    next_attempt_at: { type: time, allowNull: false },
    lease_owner: { type: DataTypes.STRING(64), allowNull: true },
    lease_expires_at: { type: time, allowNull: true },
    last_error: { type: DataTypes.STRING(1000), allowNull: true },
    created_at: { type: time, allowNull: false },
    updated_at: { type: time, allowNull: false },
    delivered_at: { type: time, allowNull: true },
  }, TABLE_OPTIONS);
  // The claim: due PENDING messages in time order.
  await queryInterface.addIndex('outbox_messages', ['status', 'next_attempt_at'], { name: 'outbox_messages_due' });
  // Per-partition order: "is an earlier message of this partition still PENDING?"
  await queryInterface.addIndex('outbox_messages', ['topic', 'partition_key', 'status', 'seq'], { name: 'outbox_messages_partition' });
}

export async function down(queryInterface: QueryInterface): Promise<void> {
  await queryInterface.dropTable('outbox_messages');
}
