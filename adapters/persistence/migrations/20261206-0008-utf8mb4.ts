import { QueryTypes, type QueryInterface } from 'sequelize';
import type { Database } from '../Database.js';
import { TABLE_CHARSET, TABLE_COLLATION } from '../tableOptions.js';

/**
 * Brings every table created before this migration to utf8mb4 / utf8mb4_bin (tableOptions.ts
 * says why these). Migrations 0000–0007 gave no character set, so their tables took the
 * server's default (latin1 on an upstream MariaDB); umzug creates schema_migrations in utf8
 * (utf8mb3). They are history and stay as they were: this converts, on old and new
 * installations alike, only the tables that need it. From here on every migration passes
 * TABLE_OPTIONS to createTable. SQLite stores every text as UTF-8: nothing to do.
 */
const EARLIER_TABLES = new Set([
  'schema_migrations',
  'fixture_loads',
  'members', 'edda_checks', 'edda_check_history', 'upgrade_reviews',
  'create_master', 'step_break_point', 'create_detail', 'document_resend', 'manual_review_flag', 'aml_flag_detail',
  'ocr_flag_detail', 'z21_flag_detail', 'z22_flag_detail', 'pay_taxes', 'teller_check_record',
  'resend_to_financial_mapping', 'financial_statement', 'member_profile',
  'kyc_profiles', 'kyc_profile_history', 'kyc_processed_events', 'moneyplus_subscriptions',
  'outbox_messages', 'billing_customers', 'billing_payments', 'outbox_attempts',
]);

/**
 * CONVERT TO widens TEXT to MEDIUMTEXT (so that as many 4-byte characters fit as latin1
 * ones did); these types are given back, so a converted table has the columns a new one has.
 */
const TEXT_TYPES = new Set(['tinytext', 'text', 'mediumtext']);

interface TableRow {
  readonly name: string;
  readonly collation: string | null;
}

interface ColumnRow {
  readonly tableName: string;
  readonly name: string;
  readonly dataType: string;
  readonly nullable: string;
  readonly collation: string;
  readonly defaultValue: string | null;
}

const quoted = (identifier: string) => `\`${identifier.replace(/`/g, '``')}\``;

export async function up(_queryInterface: QueryInterface, database: Database): Promise<void> {
  if (database.dialect !== 'mysql') return;
  const { sequelize } = database;
  const tables = await sequelize.query<TableRow>(
    "SELECT TABLE_NAME AS name, TABLE_COLLATION AS collation FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'",
    { type: QueryTypes.SELECT },
  );
  const columns = await sequelize.query<ColumnRow>(
    'SELECT TABLE_NAME AS tableName, COLUMN_NAME AS name, DATA_TYPE AS dataType, IS_NULLABLE AS nullable, COLLATION_NAME AS collation, ' +
      'COLUMN_DEFAULT AS defaultValue FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND COLLATION_NAME IS NOT NULL ORDER BY ORDINAL_POSITION',
    { type: QueryTypes.SELECT },
  );
  for (const table of tables) {
    if (!EARLIER_TABLES.has(table.name)) continue;
    const textColumns = columns.filter((column) => column.tableName === table.name);
    if (table.collation === TABLE_COLLATION && textColumns.every((column) => column.collation === TABLE_COLLATION)) continue;
    // Midplat's TEXT columns have no default; one that had would be left as CONVERT makes it.
    const keptTypes = textColumns
      .filter((column) => TEXT_TYPES.has(column.dataType.toLowerCase()) && (column.defaultValue === null || column.defaultValue === 'NULL'))
      .map((column) => `, MODIFY ${quoted(column.name)} ${column.dataType.toUpperCase()} ${column.nullable === 'YES' ? 'NULL' : 'NOT NULL'}`);
    await sequelize.query(`ALTER TABLE ${quoted(table.name)} CONVERT TO CHARACTER SET ${TABLE_CHARSET} COLLATE ${TABLE_COLLATION}${keptTypes.join('')}`);
  }
}

/** Nothing: converting back could lose every character latin1 lacks. */
export async function down(): Promise<void> {}
