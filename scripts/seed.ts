import { readFileSync } from 'node:fs';
import { FixtureLoader } from '../adapters/persistence/fixtures/FixtureLoader.js';
import { readFixtureFolder } from '../adapters/persistence/fixtures/DemoData.js';
import { MidplatService } from '../config/MidplatService.js';
import { demoDataFolder } from '../config/projectRoot.js';
import { configOrExit, runMain } from './runScript.js';

const usage = 'usage: npm run seed -- FILE.json | --demo';

runMain(async () => {
  const [argument] = process.argv.slice(2);
  if (!argument) throw new Error(usage);
  const fixture = argument === '--demo' ? readFixtureFolder(demoDataFolder) : (JSON.parse(readFileSync(argument, 'utf8')) as unknown);
  const config = configOrExit();
  const service = new MidplatService({ ...config, demo: { loadOnStart: false }, log: { level: 'warn' } });
  try {
    await service.prepare();
    const counts = await service.container.get(FixtureLoader).load(fixture);
    process.stdout.write(`loaded ${Object.entries(counts).map(([key, n]) => `${n} ${key}`).join(', ') || 'nothing'}\n`);
  } finally {
    await service.database.close();
  }
});
