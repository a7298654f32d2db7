import { DataTypes, type QueryInterface } from 'sequelize';
import { TABLE_OPTIONS } from '../tableOptions.js';

/** Which named fixture sets (the demo set) were loaded, so a restart does not load them again. */
export async function up(queryInterface: QueryInterface): Promise<void> {
  await queryInterface.createTable('fixture_loads', {
    name: { type: DataTypes.STRING(64), primaryKey: true },
    loaded_at: { type: DataTypes.DATE, allowNull: false },
  }, TABLE_OPTIONS);
}

export async function down(queryInterface: QueryInterface): Promise<void> {
  await queryInterface.dropTable('fixture_loads');
}
