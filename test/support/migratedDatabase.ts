import 'reflect-metadata';
import { Container, type ContainerModule } from 'inversify';
import { Database } from '../../adapters/persistence/Database.js';
import { migrate } from '../../adapters/persistence/migrate.js';
import { persistenceModule } from '../../adapters/persistence/persistenceModule.js';
import { createTestDatabase, type DatabaseKind } from './testDatabases.js';

/** A scratch database with every migration applied, open; `close` closes and drops it. */
export interface MigratedDatabase {
  readonly database: Database;
  /** The persistence adapters on this database plus the given modules, wired as the composition root wires them. */
  container(...modules: ContainerModule[]): Container;
  close(): Promise<void>;
}

export async function createMigratedDatabase(kind: DatabaseKind, poolMax = 5): Promise<MigratedDatabase> {
  const scratch = await createTestDatabase(kind);
  const database = new Database({ url: scratch.url, poolMax });
  const close = async () => {
    await database.close();
    await scratch.drop();
  };
  try {
    await migrate(database);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    database,
    container: (...modules) => {
      const container = new Container({ defaultScope: 'Singleton' });
      container.load(persistenceModule(database), ...modules);
      return container;
    },
    close,
  };
}
