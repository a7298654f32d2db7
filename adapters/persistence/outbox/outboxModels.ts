import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';

export type OutboxStatus = 'PENDING' | 'DONE' | 'FAILED';
export const OUTBOX_STATUSES: readonly OutboxStatus[] = ['PENDING', 'DONE', 'FAILED'];

export interface OutboxMessageRow {
  seq: number;
  id: string;
  topic: string;
  partition_key: string;
  /** The message's JSON, as text. */
  payload: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: Date;
  lease_owner: string | null;
  lease_expires_at: Date | null;
  last_error: string | null;
  created_at: Date;
  updated_at: Date;
  delivered_at: Date | null;
}

export type OutboxMessageModel = ModelStatic<Model<OutboxMessageRow, Optional<OutboxMessageRow, 'seq'>>>;

/** The table of migration 0004, as a Sequelize model (times are written from the injected Clock). */
export function defineOutboxModels(sequelize: Sequelize): { OutboxMessage: OutboxMessageModel } {
  const OutboxMessage: OutboxMessageModel = sequelize.define(
    'OutboxMessage',
    {
      seq: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
      id: { type: DataTypes.STRING(36), allowNull: false },
      topic: { type: DataTypes.STRING(64), allowNull: false },
      partition_key: { type: DataTypes.STRING(128), allowNull: false },
      payload: { type: DataTypes.TEXT, allowNull: false },
      status: { type: DataTypes.STRING(8), allowNull: false },
      attempts: { type: DataTypes.INTEGER, allowNull: false },
      next_attempt_at: { type: DataTypes.DATE(3), allowNull: false },
      lease_owner: DataTypes.STRING(64),
      lease_expires_at: DataTypes.DATE(3),
      last_error: DataTypes.STRING(1000),
      created_at: { type: DataTypes.DATE(3), allowNull: false },
      updated_at: { type: DataTypes.DATE(3), allowNull: false },
      delivered_at: DataTypes.DATE(3),
    },
    { tableName: 'outbox_messages', timestamps: false },
  );
  return { OutboxMessage };
}
