import { DataTypes, type ModelAttributeColumnOptions } from 'sequelize';

/** One column as migrated: its SQL type, size, nullability and key. */
export type ColumnSpec =
  | { readonly type: 'varchar' | 'char'; readonly length: number; readonly required?: true; readonly primaryKey?: true }
  | { readonly type: 'text' | 'integer' | 'bigint' | 'boolean'; readonly required?: true; readonly primaryKey?: true; readonly autoIncrement?: true };

/**
 * A table's columns (timestamps aside), written once: the Sequelize model and the fixture
 * item schema are derived from it, and a test holds the migrations to it.
 */
export type ColumnShape = { readonly [column: string]: ColumnSpec };

export const varchar = (length: number, flags: { required?: true; primaryKey?: true } = {}): ColumnSpec => ({ type: 'varchar', length, ...flags });
export const char = (length: number, flags: { required?: true } = {}): ColumnSpec => ({ type: 'char', length, ...flags });

function dataType(spec: ColumnSpec): ModelAttributeColumnOptions['type'] {
  switch (spec.type) {
    case 'varchar':
      return DataTypes.STRING(spec.length);
    case 'char':
      return DataTypes.CHAR(spec.length);
    case 'text':
      return DataTypes.TEXT;
    case 'integer':
      return DataTypes.INTEGER;
    case 'bigint':
      return DataTypes.BIGINT;
    case 'boolean':
      return DataTypes.BOOLEAN;
  }
}

/** The shape as Sequelize model attributes. */
export function modelAttributes<Shape extends ColumnShape>(shape: Shape): { [Column in keyof Shape]: ModelAttributeColumnOptions } {
  return Object.fromEntries(
    Object.entries(shape).map(([column, spec]) => {
      const attribute: ModelAttributeColumnOptions = { type: dataType(spec) };
      if (spec.primaryKey) attribute.primaryKey = true;
      if ('autoIncrement' in spec && spec.autoIncrement) attribute.autoIncrement = true;
      if (!spec.primaryKey && spec.required) attribute.allowNull = false;
      return [column, attribute];
    }),
  ) as { [Column in keyof Shape]: ModelAttributeColumnOptions };
}

/**
 * The JSON Schema of a fixture string stored in a VARCHAR or CHAR column: at most the
 * column's length; `nonEmpty` for the values a fixture must give.
 */
export function fixtureString(spec: ColumnSpec, nonEmpty?: 'nonEmpty'): { type: 'string'; minLength?: 1; maxLength: number } {
  if (spec.type !== 'varchar' && spec.type !== 'char') throw new Error(`fixtureString: a ${spec.type} column has no length`);
  return nonEmpty ? { type: 'string', minLength: 1, maxLength: spec.length } : { type: 'string', maxLength: spec.length };
}
