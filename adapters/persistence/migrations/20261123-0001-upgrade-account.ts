import { DataTypes, type QueryInterface } from 'sequelize';
import { TABLE_OPTIONS } from '../tableOptions.js';

/** Members, their EDDA checks with history, and the video reviews (SPEC 3). */
export async function up(queryInterface: QueryInterface): Promise<void> {
  await queryInterface.createTable('members', {
    member_id: { type: DataTypes.STRING(64), primaryKey: true },
    idno: { type: DataTypes.STRING(20), allowNull: true },
    phone: { type: DataTypes.STRING(20), allowNull: true },
    name: { type: DataTypes.STRING(100), allowNull: true },
    account_id: { type: DataTypes.STRING(32), allowNull: false },
    prod_name: { type: DataTypes.STRING(32), allowNull: false },
    digital_level: { type: DataTypes.STRING(8), allowNull: false },
    created_at: { type: DataTypes.DATE, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  }, TABLE_OPTIONS);
  await queryInterface.addIndex('members', ['idno'], { name: 'members_idno' });
  await queryInterface.addIndex('members', ['phone'], { name: 'members_phone' });

  await queryInterface.createTable('edda_checks', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    member_id: { type: DataTypes.STRING(64), allowNull: false },
    status: { type: DataTypes.STRING(20), allowNull: false },
    created_at: { type: DataTypes.DATE, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  }, TABLE_OPTIONS);
  await queryInterface.addIndex('edda_checks', ['member_id', 'id'], { name: 'edda_checks_member' });

  await queryInterface.createTable('edda_check_history', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    edda_check_id: { type: DataTypes.INTEGER, allowNull: false },
    from_status: { type: DataTypes.STRING(20), allowNull: true },
    to_status: { type: DataTypes.STRING(20), allowNull: false },
    request_id: { type: DataTypes.STRING(128), allowNull: true },
    changed_at: { type: DataTypes.DATE, allowNull: false },
  }, TABLE_OPTIONS);
  await queryInterface.addIndex('edda_check_history', ['edda_check_id'], { name: 'edda_check_history_check' });

  await queryInterface.createTable('upgrade_reviews', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    member_id: { type: DataTypes.STRING(64), allowNull: false },
    edda_check_id: { type: DataTypes.INTEGER, allowNull: false },
    is_pass: { type: DataTypes.BOOLEAN, allowNull: false },
    outcome: { type: DataTypes.STRING(20), allowNull: false },
    esb_transaction_id: { type: DataTypes.STRING(40), allowNull: true },
    request_id: { type: DataTypes.STRING(128), allowNull: false },
    consumer: { type: DataTypes.STRING(64), allowNull: false },
    reviewed_at: { type: DataTypes.DATE, allowNull: false },
  }, TABLE_OPTIONS);
  await queryInterface.addIndex('upgrade_reviews', ['member_id'], { name: 'upgrade_reviews_member' });
}

export async function down(queryInterface: QueryInterface): Promise<void> {
  await queryInterface.dropTable('upgrade_reviews');
  await queryInterface.dropTable('edda_check_history');
  await queryInterface.dropTable('edda_checks');
  await queryInterface.dropTable('members');
}
