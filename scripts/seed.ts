import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { AuditTrail } from '../core/shared/AuditTrail.js';
import { Clock } from '../core/shared/Clock.js';
import { FixtureLoader } from '../adapters/persistence/fixtures/FixtureLoader.js';
import { readFixtureFolder } from '../adapters/persistence/fixtures/DemoData.js';
import { MidplatService } from '../config/MidplatService.js';
import { demoDataFolder } from '../config/projectRoot.js';
import { cliContext } from './cliContext.js';
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

/** The audit record of a `--replace`: the file's name (not its folder) and what each section wrote. */
function recordReplace(service: MidplatService, source: string, counts: Record<string, number>): Promise<void> {
  const context = cliContext();
  const count = Object.values(counts).reduce((sum, n) => sum + n, 0);
  const target = JSON.stringify({ file: basename(source), sections: counts });
  const entry = { actor: context.consumer, action: 'fixtures.replace' as const, target, count, outcome: null, requestId: context.requestId };
  return service.container.get<AuditTrail>(AuditTrail).record({ ...entry, at: service.container.get<Clock>(Clock).now() });
}

runMain(async () => {
  const { source, replace } = parseArguments(process.argv.slice(2));
  const fixture = source === '--demo' ? readFixtureFolder(demoDataFolder) : (JSON.parse(readFileSync(source, 'utf8')) as unknown);
  const config = configOrExit();
  const service = new MidplatService({ ...config, demo: { loadOnStart: false }, log: { level: 'warn' } });
  try {
    await service.prepare();
    // A --replace overwrites stored rows: it is audited in its own transaction (SPEC 2.2.3).
    const audit = replace ? (counts: Record<string, number>) => recordReplace(service, source, counts) : undefined;
    const counts = await service.container.get(FixtureLoader).load(fixture, replace ? 'replace' : 'insert', audit);
    process.stdout.write(`loaded ${Object.entries(counts).map(([key, n]) => `${n} ${key}`).join(', ') || 'nothing'}\n`);
  } finally {
    await service.database.close();
  }
});
