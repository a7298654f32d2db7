import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';
import { modelAttributes } from '../ColumnShape.js';
import { KYC_PROFILE_SHAPE } from './kycProfileShape.js';

export interface KycProfileRow {
  uid: string;
  wallet_status: string;
  client_status: number | null;
  level: number | null;
  is_meet_business: boolean | null;
  reject_reason: string | null;
  reject_reason_keys: string | null;
  delete_reason: string | null;
  delete_reason_keys: string | null;
  name: string | null;
  gender: string | null;
  dob: string | null;
  nationality: string | null;
  address: string | null;
  mailing_address: string | null;
  phone: string | null;
  industry_code: string | null;
  occupation_code: string | null;
  ic_type: string | null;
  // BIGINT: mysql2 returns a string, SQLite a number.
  status_occurred_at: number | string | null;
  info_occurred_at: number | string | null;
  phone_occurred_at: number | string | null;
  wallet_occurred_at: number | string | null;
}
export interface KycHistoryRow {
  id: number;
  uid: string;
  event_id: string;
  event_type: string;
  outcome: string;
  changes: string;
  note: string | null;
  occurred_at: number | string;
  request_id: string;
  recorded_at: Date;
}
export interface KycProcessedEventRow {
  event_id: string;
  uid: string;
  event_type: string;
  outcome: string;
  processed_at: Date;
}
export interface MoneyPlusSubscriptionRow {
  uid: string;
  biz_id: string;
  subscribed_at: Date;
}

export interface KycChangeNotifierModels {
  KycProfile: ModelStatic<Model<KycProfileRow, KycProfileRow>>;
  KycHistory: ModelStatic<Model<KycHistoryRow, Optional<KycHistoryRow, 'id'>>>;
  KycProcessedEvent: ModelStatic<Model<KycProcessedEventRow, KycProcessedEventRow>>;
  MoneyPlusSubscription: ModelStatic<Model<MoneyPlusSubscriptionRow, MoneyPlusSubscriptionRow>>;
}

/** The tables of migration 0003, as Sequelize models. */
export function defineKycChangeNotifierModels(sequelize: Sequelize): KycChangeNotifierModels {
  const KycProfile = sequelize.define<Model<KycProfileRow, KycProfileRow>>(
    'KycProfile',
    modelAttributes(KYC_PROFILE_SHAPE),
    { tableName: 'kyc_profiles', underscored: true, timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  const KycHistory = sequelize.define<Model<KycHistoryRow, Optional<KycHistoryRow, 'id'>>>(
    'KycHistory',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      uid: { type: DataTypes.STRING(64), allowNull: false },
      event_id: { type: DataTypes.STRING(128), allowNull: false },
      event_type: { type: DataTypes.STRING(8), allowNull: false },
      outcome: { type: DataTypes.STRING(16), allowNull: false },
      changes: { type: DataTypes.TEXT, allowNull: false },
      note: DataTypes.STRING(500),
      occurred_at: { type: DataTypes.BIGINT, allowNull: false },
      request_id: { type: DataTypes.STRING(128), allowNull: false },
      recorded_at: { type: DataTypes.DATE, allowNull: false },
    },
    { tableName: 'kyc_profile_history', timestamps: false },
  );
  const KycProcessedEvent = sequelize.define<Model<KycProcessedEventRow, KycProcessedEventRow>>(
    'KycProcessedEvent',
    {
      event_id: { type: DataTypes.STRING(128), primaryKey: true },
      uid: { type: DataTypes.STRING(64), allowNull: false },
      event_type: { type: DataTypes.STRING(8), allowNull: false },
      outcome: { type: DataTypes.STRING(16), allowNull: false },
      processed_at: { type: DataTypes.DATE, allowNull: false },
    },
    { tableName: 'kyc_processed_events', timestamps: false },
  );
  const MoneyPlusSubscription = sequelize.define<Model<MoneyPlusSubscriptionRow, MoneyPlusSubscriptionRow>>(
    'MoneyPlusSubscription',
    {
      uid: { type: DataTypes.STRING(64), primaryKey: true },
      biz_id: { type: DataTypes.STRING(64), primaryKey: true },
      subscribed_at: { type: DataTypes.DATE, allowNull: false },
    },
    { tableName: 'moneyplus_subscriptions', timestamps: false },
  );
  return { KycProfile, KycHistory, KycProcessedEvent, MoneyPlusSubscription };
}
