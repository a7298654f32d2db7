import { DataTypes, type QueryInterface } from 'sequelize';
import { TABLE_OPTIONS } from '../tableOptions.js';

/** The KYC profile mirror, its history, processed event ids and Money+ subscriptions (SPEC 5). */
export async function up(queryInterface: QueryInterface): Promise<void> {
  await queryInterface.createTable('kyc_profiles', {
    uid: { type: DataTypes.STRING(64), primaryKey: true },
    wallet_status: { type: DataTypes.STRING(16), allowNull: false },
    client_status: { type: DataTypes.INTEGER, allowNull: true },
    level: { type: DataTypes.INTEGER, allowNull: true },
    is_meet_business: { type: DataTypes.BOOLEAN, allowNull: true },
    reject_reason: { type: DataTypes.TEXT, allowNull: true },
    reject_reason_keys: { type: DataTypes.TEXT, allowNull: true },
    delete_reason: { type: DataTypes.TEXT, allowNull: true },
    delete_reason_keys: { type: DataTypes.TEXT, allowNull: true },
    name: { type: DataTypes.STRING(200), allowNull: true },
    gender: { type: DataTypes.STRING(16), allowNull: true },
    dob: { type: DataTypes.STRING(10), allowNull: true },
    nationality: { type: DataTypes.STRING(16), allowNull: true },
    address: { type: DataTypes.STRING(500), allowNull: true },
    mailing_address: { type: DataTypes.STRING(500), allowNull: true },
    phone: { type: DataTypes.STRING(32), allowNull: true },
    industry_code: { type: DataTypes.STRING(20), allowNull: true },
    occupation_code: { type: DataTypes.STRING(20), allowNull: true },
    ic_type: { type: DataTypes.STRING(20), allowNull: true },
    // occurredAt (unix seconds) of the last event applied to each part of the profile.
    status_occurred_at: { type: DataTypes.BIGINT, allowNull: true },
    info_occurred_at: { type: DataTypes.BIGINT, allowNull: true },
    phone_occurred_at: { type: DataTypes.BIGINT, allowNull: true },
    wallet_occurred_at: { type: DataTypes.BIGINT, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  }, TABLE_OPTIONS);

  await queryInterface.createTable('kyc_profile_history', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    uid: { type: DataTypes.STRING(64), allowNull: false },
    event_id: { type: DataTypes.STRING(128), allowNull: false },
    event_type: { type: DataTypes.STRING(8), allowNull: false },
    outcome: { type: DataTypes.STRING(16), allowNull: false },
    changes: { type: DataTypes.TEXT, allowNull: false },
    note: { type: DataTypes.STRING(500), allowNull: true },
    occurred_at: { type: DataTypes.BIGINT, allowNull: false },
    request_id: { type: DataTypes.STRING(128), allowNull: false },
    recorded_at: { type: DataTypes.DATE, allowNull: false },
  }, TABLE_OPTIONS);
  await queryInterface.addIndex('kyc_profile_history', ['uid', 'id'], { name: 'kyc_profile_history_uid' });

  await queryInterface.createTable('kyc_processed_events', {
    event_id: { type: DataTypes.STRING(128), primaryKey: true },
    uid: { type: DataTypes.STRING(64), allowNull: false },
    event_type: { type: DataTypes.STRING(8), allowNull: false },
    outcome: { type: DataTypes.STRING(16), allowNull: false },
    processed_at: { type: DataTypes.DATE, allowNull: false },
  }, TABLE_OPTIONS);

  await queryInterface.createTable('moneyplus_subscriptions', {
    uid: { type: DataTypes.STRING(64), primaryKey: true },
    biz_id: { type: DataTypes.STRING(64), primaryKey: true },
    subscribed_at: { type: DataTypes.DATE, allowNull: false },
  }, TABLE_OPTIONS);
}

export async function down(queryInterface: QueryInterface): Promise<void> {
  await queryInterface.dropTable('moneyplus_subscriptions');
  await queryInterface.dropTable('kyc_processed_events');
  await queryInterface.dropTable('kyc_profile_history');
  await queryInterface.dropTable('kyc_profiles');
}
