import { expect } from 'chai';
import type { ColumnShape, ColumnSpec } from '../../../adapters/persistence/ColumnShape.js';
import { BILLING_CUSTOMER_SHAPE } from '../../../adapters/persistence/customer-check/billingCustomerShape.js';
import { KYC_PROFILE_SHAPE } from '../../../adapters/persistence/kyc-change-notifier/kycProfileShape.js';
import { MEMBER_SHAPE } from '../../../adapters/persistence/upgrade-account/memberShape.js';
import { createMigratedDatabase, type MigratedDatabase } from '../../support/migratedDatabase.js';
import { DATABASE_KINDS } from '../../support/testDatabases.js';

const SHAPED_TABLES: Record<string, ColumnShape> = {
  members: MEMBER_SHAPE,
  billing_customers: BILLING_CUSTOMER_SHAPE,
  kyc_profiles: KYC_PROFILE_SHAPE,
};

/** How each database reports a column of the spec's type (`describeTable`'s type, upper case). */
function typeMatches(spec: ColumnSpec, reported: string): boolean {
  switch (spec.type) {
    case 'varchar':
      return reported === `VARCHAR(${spec.length})`;
    case 'char':
      return reported === `CHAR(${spec.length})`;
    case 'text':
      return reported === 'TEXT';
    case 'integer':
      return /^INT(EGER)?(\(\d+\))?$/.test(reported);
    case 'bigint':
      return /^BIGINT(\(\d+\))?$/.test(reported);
    case 'boolean':
      return reported === 'TINYINT(1)';
  }
}

/**
 * The migrations are history and are not derived from the column shapes, so this holds
 * them together: every shaped table, as migrated, has exactly the shape's columns (the
 * timestamps aside), of its types, sizes and nullability.
 */
for (const kind of DATABASE_KINDS) {
  describe(`column shapes match the migrated tables (${kind})`, () => {
    let migrated: MigratedDatabase;

    before(async () => {
      migrated = await createMigratedDatabase(kind);
    });

    after(() => migrated.close());

    for (const [table, shape] of Object.entries(SHAPED_TABLES)) {
      it(`${table}: the shape's columns, types, sizes and nullability`, async () => {
        const described = await migrated.database.sequelize.getQueryInterface().describeTable(table);
        const columns = Object.keys(described).filter((column) => column !== 'created_at' && column !== 'updated_at');
        expect(columns.sort()).to.deep.equal(Object.keys(shape).sort());
        const mismatches = Object.entries(shape).flatMap(([column, spec]) => {
          const { type, allowNull, primaryKey } = described[column]!;
          // SQLite reports a primary key as nullable whatever the migration said: only other columns' nullability is compared.
          const nullabilityWrong = !spec.primaryKey && allowNull !== !spec.required;
          const wrong = !typeMatches(spec, type.toUpperCase()) || nullabilityWrong || primaryKey !== (spec.primaryKey === true);
          return wrong ? [`${column}: migrated ${type} allowNull=${allowNull} primaryKey=${primaryKey}, shape ${JSON.stringify(spec)}`] : [];
        });
        expect(mismatches).to.deep.equal([]);
      });
    }
  });
}
