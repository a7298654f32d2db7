import { DataTypes, type Model, type ModelAttributeColumnOptions, type ModelStatic, type Sequelize } from 'sequelize';
import { TABLES, type Column, type TableName } from './createInfoTables.js';

const SERIAL_TABLES: ReadonlySet<string> = new Set([
  'document_resend',
  'manual_review_flag',
  'pay_taxes',
  'teller_check_record',
  'resend_to_financial_mapping',
]);

function typeOf(column: Column) {
  switch (column.kind) {
    case 'string':
    case 'code':
    case 'name':
      return DataTypes.STRING(column.maxLength ?? 64);
    case 'boolean':
      return DataTypes.BOOLEAN;
    case 'integer':
    case 'specialMask':
      return DataTypes.INTEGER;
    case 'date':
      return DataTypes.DATEONLY;
    case 'time':
      return DataTypes.TIME;
    case 'dateTime':
      return DataTypes.DATE;
    case 'isoDateTime':
      return DataTypes.DATE(3);
    case 'json':
      return DataTypes.TEXT;
  }
}

export type GetCreateInfoModels = Record<TableName, ModelStatic<Model>>;

/** The tables of migration 0002 as Sequelize models (used to write; reads are plain SQL). */
export function defineGetCreateInfoModels(sequelize: Sequelize): GetCreateInfoModels {
  const models = {} as GetCreateInfoModels;
  for (const [modelName, table] of Object.entries(TABLES) as [TableName, (typeof TABLES)[TableName]][]) {
    const attributes: Record<string, ModelAttributeColumnOptions> = {};
    for (const column of table.columns as readonly Column[]) {
      const isKey = column.column === table.key;
      attributes[column.column] = {
        type: typeOf(column),
        allowNull: isKey ? false : column.required !== true,
        ...(isKey ? { primaryKey: true, autoIncrement: SERIAL_TABLES.has(table.name) } : {}),
      };
    }
    models[modelName] = sequelize.define(`GetCreateInfo_${modelName}`, attributes, { tableName: table.name, timestamps: false });
  }
  return models;
}
