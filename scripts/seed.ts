import { readFileSync } from 'node:fs';
import { FixtureLoader } from '../adapters/persistence/fixtures/FixtureLoader.js';
import { readFixtureFolder } from '../adapters/persistence/fixtures/DemoData.js';
import { MidplatService } from '../config/MidplatService.js';
import { demoDataFolder } from '../config/projectRoot.js';
import { configOrExit, runMain } from './runScript.js';

const usage = 'usage: npm run seed -- [--replace] FILE.json | --demo';

/** `FILE.json` or `--demo`, and whether `--replace` was given; anything else is refused. */
function parseArguments(argv: readonly string[]): { source: string; replace: boolean } {
  const replace = argv.includes('--replace');
  const rest = argv.filter((argument) => argument !== '--replace');
  const [source] = rest;
  if (rest.length !== 1 || !source || (source.startsWith('--') && source !== '--demo')) throw new Error(usage);
  return { source, replace };
}

runMain(async () => {
  const { source, replace } = parseArguments(process.argv.slice(2));
  const fixture = source === '--demo' ? readFixtureFolder(demoDataFolder) : (JSON.parse(readFileSync(source, 'utf8')) as unknown);
  const config = configOrExit();
  const service = new MidplatService({ ...config, demo: { loadOnStart: false }, log: { level: 'warn' } });
  try {
    await service.prepare();
    const counts = await service.container.get(FixtureLoader).load(fixture, replace ? 'replace' : 'insert');
    process.stdout.write(`loaded ${Object.entries(counts).map(([key, n]) => `${n} ${key}`).join(', ') || 'nothing'}\n`);
  } finally {
    await service.database.close();
  }
});
