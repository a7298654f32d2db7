import { Database } from '../adapters/persistence/Database.js';
import { migrate } from '../adapters/persistence/migrate.js';
import { configOrExit, runMain } from './runScript.js';

runMain(async () => {
  const config = configOrExit();
  const database = new Database({ url: config.database.url, password: config.database.password, poolMax: 2 });
  try {
    const applied = await migrate(database);
    process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'schema is up to date\n');
  } finally {
    await database.close();
  }
});
