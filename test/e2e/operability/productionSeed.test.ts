import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { ConfigJson } from '../../../config/loadConfig.js';
import { databaseSnapshot } from '../../support/databaseSnapshot.js';
import { aMemberFixture } from '../../support/MemberMother.js';
import { midplatEnv, runMidplatScript } from '../../support/midplatScript.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../../support/testDatabases.js';

const DEMO_REFUSED =
  'midplat: seed --demo is refused in production (MIDPLAT_CONFIG or DATABASE_URL is set): the demo set is for the embedded demo only; nothing was loaded\n';
const OUTBOX_REFUSED =
  'midplat: outboxMessages: a fixture file may not queue outbox messages in production: the worker would sign them with the real secret ' +
  'and deliver them to the real partner; nothing was loaded\n';

/** A production configuration with a real-looking partner, the one demo outbox messages would be delivered to. */
function productionConfig(databaseUrl: string): ConfigJson {
  return {
    database: { url: databaseUrl },
    esb: { adapter: 'http', url: 'http://127.0.0.1:9/esb' },
    moneyPlus: {
      adapter: 'http',
      partners: [{ bizId: 'MPLUS', secret: `whsec_${Buffer.alloc(32, 7).toString('base64')}`, callbackUrl: 'http://127.0.0.1:9/callback', queryFields: ['name'] }],
    },
  };
}

const members = { members: [aMemberFixture({ memberId: 'BANK0001' })] };
const outboxMessage = {
  id: '0192e6a0-0000-7000-8000-0000000000aa',
  topic: 'moneyplus.callback',
  partitionKey: '100000001',
  payload: { event: 'KYC_INFO_CHANGED', bizId: 'MPLUS', uid: '100000001', data: { changed_fields: ['phone'], phone: '+60123456789' } },
};

/** SPEC 2.2.1: in production `seed --demo` is refused and a fixture file may not queue outbox messages (issue 20 item 2). */
for (const kind of DATABASE_KINDS) {
  describe(`npm run seed in production refuses the demo and outbox messages, on ${kind} (real process)`, function () {
    this.timeout(120000);
    let folder: string;
    let database: TestDatabase;
    let env: NodeJS.ProcessEnv;
    const seed = (...args: string[]) => runMidplatScript('seed', args, { env, cwd: folder });
    const fixtureFile = (name: string, fixture: unknown) => {
      const file = join(folder, name);
      writeFileSync(file, JSON.stringify(fixture));
      return file;
    };

    beforeEach(async () => {
      folder = mkdtempSync(join(tmpdir(), 'midplat-seed-'));
      database = await createTestDatabase(kind);
      const configFile = fixtureFile('midplat.json', productionConfig(database.url));
      env = midplatEnv(configFile);
    });
    afterEach(async () => {
      await database.drop();
      rmSync(folder, { recursive: true, force: true });
    });

    it('refuses --demo on a fresh database, exit 1, writing nothing (not even the schema)', async () => {
      const before = await databaseSnapshot(database.url);
      const refused = await seed('--demo');
      expect([refused.code, refused.stderr, refused.stdout]).to.deep.equal([1, DEMO_REFUSED, '']);
      expect(await databaseSnapshot(database.url)).to.deep.equal(before);
    });

    it('refuses --demo (and --replace --demo) on a database holding data, and with DATABASE_URL alone, changing no row', async () => {
      const loaded = await seed(fixtureFile('bank.json', members));
      expect([loaded.code, loaded.stdout], loaded.stderr).to.deep.equal([0, 'loaded 1 members\n']);
      const before = await databaseSnapshot(database.url);
      for (const [args, environment] of [
        [['--demo'], env],
        [['--replace', '--demo'], env],
        [['--demo'], midplatEnv(undefined, { DATABASE_URL: database.url })],
      ] as const) {
        const refused = await runMidplatScript('seed', args, { env: environment, cwd: folder });
        expect([refused.code, refused.stderr], args.join(' ')).to.deep.equal([1, DEMO_REFUSED]);
      }
      expect(await databaseSnapshot(database.url)).to.deep.equal(before);
    });

    it('refuses a fixture file that queues outbox messages, naming the section, writing nothing', async () => {
      const file = fixtureFile('with-outbox.json', { ...members, outboxMessages: [outboxMessage] });
      const fresh = await databaseSnapshot(database.url);
      const refused = await seed(file);
      expect([refused.code, refused.stderr]).to.deep.equal([1, OUTBOX_REFUSED]);
      expect(await databaseSnapshot(database.url)).to.deep.equal(fresh);

      expect((await seed(fixtureFile('bank.json', { members: [aMemberFixture({ memberId: 'BANK0002' })] }))).code).to.equal(0);
      const before = await databaseSnapshot(database.url);
      for (const args of [[file], ['--replace', file]]) {
        const again = await seed(...args);
        expect([again.code, again.stderr], args.join(' ')).to.deep.equal([1, OUTBOX_REFUSED]);
      }
      expect(await databaseSnapshot(database.url)).to.deep.equal(before);
    });
  });
}

describe('npm run seed -- --demo in the embedded demo (real process)', function () {
  this.timeout(120000);
  let folder: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'midplat-seed-demo-'));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('still loads the demo set, its outbox messages included', async () => {
    const loaded = await runMidplatScript('seed', ['--demo'], { env: midplatEnv(undefined), cwd: folder });
    expect(loaded.code, loaded.stderr).to.equal(0);
    expect(loaded.stdout).to.match(/^loaded .*\b5 outboxMessages\b/);
  });
});
