import { Database } from '../../adapters/persistence/Database.js';
import { migrate } from '../../adapters/persistence/migrate.js';
import { createTestDatabase, type DatabaseKind } from './testDatabases.js';

export interface MigratedDatabase {
  readonly database: Database;
  /** Closes the connections and drops the database. */
  dispose(): Promise<void>;
}

/** A new database of the given kind with every migration applied. */
export async function createMigratedDatabase(kind: DatabaseKind, poolMax = 2): Promise<MigratedDatabase> {
  const scratch = await createTestDatabase(kind);
  const database = new Database({ url: scratch.url, poolMax });
  await migrate(database);
  return {
    database,
    dispose: async () => {
      await database.close();
      await scratch.drop();
    },
  };
}
