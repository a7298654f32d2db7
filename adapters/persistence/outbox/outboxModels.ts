import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';
import type { OutboxStatus } from '../../../core/shared/OutboxStore.js';

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

/** One delivery attempt (migration 0007). */
export interface OutboxAttemptRow {
  seq: number;
  message_id: string;
  attempt: number;
  started_at: Date;
  duration_ms: number;
  succeeded: boolean;
  http_status: number | null;
  response_excerpt: string | null;
  error: string | null;
}

export type OutboxAttemptModel = ModelStatic<Model<OutboxAttemptRow, Optional<OutboxAttemptRow, 'seq'>>>;

/** The tables of migrations 0004 and 0007, as Sequelize models (times are written from the injected Clock). */
export function defineOutboxModels(sequelize: Sequelize): { OutboxMessage: OutboxMessageModel; OutboxAttempt: OutboxAttemptModel } {
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
  const OutboxAttempt: OutboxAttemptModel = sequelize.define(
    'OutboxAttempt',
    {
      seq: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
      message_id: { type: DataTypes.STRING(36), allowNull: false },
      attempt: { type: DataTypes.INTEGER, allowNull: false },
      started_at: { type: DataTypes.DATE(3), allowNull: false },
      duration_ms: { type: DataTypes.INTEGER, allowNull: false },
      succeeded: { type: DataTypes.BOOLEAN, allowNull: false },
      http_status: DataTypes.INTEGER,
      response_excerpt: DataTypes.STRING(1024),
      error: DataTypes.STRING(1000),
    },
    { tableName: 'outbox_attempts', timestamps: false },
  );
  return { OutboxMessage, OutboxAttempt };
}
