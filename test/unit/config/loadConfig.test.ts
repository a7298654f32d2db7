import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { InvalidConfig, loadConfig } from '../../../config/loadConfig.js';
import { projectRoot } from '../../../config/projectRoot.js';
import { dialectOf } from '../../../adapters/persistence/Database.js';

function configFile(content: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'midplat-config-')), 'config.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

function failureOf(load: () => unknown): string {
  try {
    load();
  } catch (error) {
    expect(error).to.be.instanceOf(InvalidConfig);
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be refused');
}

describe('configuration', () => {
  it('defaults to the embedded set-up: SQLite, simulators, demo data', () => {
    const config = loadConfig({});
    expect(config.database.url).to.equal('sqlite:data/midplat.sqlite');
    expect(config.esb.adapter).to.equal('simulator');
    expect(config.moneyPlus.adapter).to.equal('simulator');
    expect(config.demo.loadOnStart).to.equal(true);
    expect(config.http).to.include({ port: 3000, bodyLimitBytes: 1048576 });
  });

  it('applies MIDPLAT_CONFIG over the defaults, then PORT, DATABASE_URL and LOG_LEVEL over both', () => {
    const file = configFile({ http: { port: 4000 }, database: { url: 'mysql://u:p@db:3306/midplat' }, esb: { timeoutMs: 1500 } });
    const fromFile = loadConfig({ MIDPLAT_CONFIG: file });
    expect(fromFile.http.port).to.equal(4000);
    expect(fromFile.esb.timeoutMs).to.equal(1500);
    expect(fromFile.esb.channelId).to.equal('BMD');
    const fromEnv = loadConfig({ MIDPLAT_CONFIG: file, PORT: '5000', DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'warn' });
    expect([fromEnv.http.port, fromEnv.database.url, fromEnv.log.level]).to.deep.equal([5000, 'sqlite::memory:', 'warn']);
  });

  it('names the bad key when a value is wrong', () => {
    expect(failureOf(() => loadConfig({}, { esb: { adapter: 'soap' } }))).to.match(/^config key esb\.adapter: /);
    expect(failureOf(() => loadConfig({}, { esb: { timeoutMs: -1 } }))).to.match(/^config key esb\.timeoutMs: /);
    expect(failureOf(() => loadConfig({ DATABASE_URL: 'postgres://x' }))).to.match(/^config key database\.url: /);
    expect(failureOf(() => loadConfig({ LOG_LEVEL: 'loud' }))).to.match(/^config key log\.level: /);
    expect(failureOf(() => loadConfig({ PORT: 'eighty' }))).to.match(/^PORT: /);
  });

  it('names a mistyped key instead of ignoring it', () => {
    expect(failureOf(() => loadConfig({}, { databse: { url: 'sqlite:x' } }))).to.equal('config key (root).databse: must NOT have additional properties');
    expect(failureOf(() => loadConfig({}, { esb: { timeoutMS: 5 } }))).to.equal('config key esb.timeoutMS: must NOT have additional properties');
  });

  it('refuses a token stored in clear instead of its SHA-256', () => {
    const message = failureOf(() => loadConfig({}, { auth: { consumers: [{ name: 'ivr', tokenSha256: 'demo-ivr-token', scopes: ['upgrade:write'] }] } }));
    expect(message).to.match(/^config key auth\.consumers\.0\.tokenSha256: /);
  });

  it('says which file is unreadable or not JSON', () => {
    expect(failureOf(() => loadConfig({ MIDPLAT_CONFIG: '/nonexistent/midplat.json' }))).to.contain('cannot read /nonexistent/midplat.json');
    expect(failureOf(() => loadConfig({ MIDPLAT_CONFIG: configFile('{ nope') }))).to.contain('is not valid JSON');
  });

  it('knows only the sqlite: and mysql:// database schemes', () => {
    expect(dialectOf('sqlite:data/x.sqlite')).to.equal('sqlite');
    expect(dialectOf('mysql://root@127.0.0.1:3306/midplat')).to.equal('mysql');
    expect(() => dialectOf('mariadb://root:secret@host/db')).to.throw(/unsupported scheme in "mariadb:\/\/\*\*\*@host\/db"/);
  });

  it('stops the process at start-up with a message naming the key', () => {
    const file = configFile({ esb: { adapter: 'soap' } });
    const result = spawnSync(process.execPath, [join(projectRoot, 'dist/scripts/start.js')], {
      env: { ...process.env, MIDPLAT_CONFIG: file, PORT: '0' },
      encoding: 'utf8',
      timeout: 15000,
    });
    expect(result.status).to.equal(2);
    expect(result.stderr).to.contain('midplat: invalid configuration: config key esb.adapter: must be equal to one of the allowed values');
  });
});
