import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { AuditTrail } from '../core/shared/AuditTrail.js';
import { Clock } from '../core/shared/Clock.js';
import { FixtureLoader } from '../adapters/persistence/fixtures/FixtureLoader.js';
import { readFixtureFolder } from '../adapters/persistence/fixtures/DemoData.js';
import { configMode } from '../config/loadConfig.js';
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
  const config = configOrExit();
  const production = configMode(process.env) === 'production';
  // SPEC 2.2.1: the demo's outbox messages would be signed with the real secret and delivered to the real partner.
  if (source === '--demo' && production) {
    throw new Error('seed --demo is refused in production (MIDPLAT_CONFIG or DATABASE_URL is set): the demo set is for the embedded demo only; nothing was loaded');
  }
  const fixture = source === '--demo' ? readFixtureFolder(demoDataFolder) : (JSON.parse(readFileSync(source, 'utf8')) as unknown);
  const service = new MidplatService({ ...config, demo: { loadOnStart: false }, log: { level: 'warn' } });
  try {
    const loader = service.container.get(FixtureLoader);
    // Refused before the migrations run, so a refused load writes nothing at all.
    loader.validate(fixture, { production });
    await service.prepare();
    // A --replace overwrites stored rows: it is audited in the load's transaction (SPEC 2.2.3).
    const andThen = replace ? (counts: Record<string, number>) => recordReplace(service, source, counts) : undefined;
    const counts = await loader.load(fixture, replace ? 'replace' : 'insert', { production, ...(andThen ? { andThen } : {}) });
    process.stdout.write(`loaded ${Object.entries(counts).map(([key, n]) => `${n} ${key}`).join(', ') || 'nothing'}\n`);
  } finally {
    await service.database.close();
  }
});
