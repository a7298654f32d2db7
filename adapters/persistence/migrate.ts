import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { QueryInterface } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import type { Database } from './Database.js';

/** What a file in migrations/ exports. */
export interface Migration {
  up(queryInterface: QueryInterface, database: Database): Promise<void>;
  down(queryInterface: QueryInterface, database: Database): Promise<void>;
}

const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

function buildUmzug(database: Database): Umzug<QueryInterface> {
  const files = readdirSync(migrationsDir)
    .filter((file) => file.endsWith('.js'))
    .sort();
  return new Umzug({
    migrations: files.map((file) => {
      const load = async (): Promise<Migration> => (await import(pathToFileURL(join(migrationsDir, file)).href)) as Migration;
      return {
        name: file.replace(/\.js$/, ''),
        up: async ({ context }) => (await load()).up(context, database),
        down: async ({ context }) => (await load()).down(context, database),
      };
    }),
    context: database.sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize: database.sequelize, tableName: 'schema_migrations' }),
    logger: undefined,
  });
}

/**
 * Applies pending migrations. On MySQL a named lock makes N processes starting at once
 * migrate one after another instead of racing on the same DDL.
 */
export async function migrate(database: Database): Promise<string[]> {
  const umzug = buildUmzug(database);
  if (database.dialect === 'sqlite') {
    // Readers never wait for the writer, nor the writer for readers (persistent per file).
    await database.sequelize.query('PRAGMA journal_mode=WAL');
    return (await umzug.up()).map((m) => m.name);
  }
  return database.sequelize.transaction(async (transaction) => {
    await database.sequelize.query("SELECT GET_LOCK('midplat_migrate', 120)", { transaction });
    try {
      return (await umzug.up()).map((m) => m.name);
    } finally {
      await database.sequelize.query("SELECT RELEASE_LOCK('midplat_migrate')", { transaction });
    }
  });
}

export async function migrateDownAll(database: Database): Promise<void> {
  await buildUmzug(database).down({ to: 0 });
}
