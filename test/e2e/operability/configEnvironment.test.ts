import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { midplatEnv, runMidplatScript } from '../../support/midplatScript.js';
import { ServiceProcess } from '../../support/ServiceProcess.js';

/**
 * SPEC 2.2.1 (issue 20 item 3): a configuration variable set to the empty string is a
 * configuration error naming it, never the demo, never production; the demo says it is the
 * demo in its first log line. Through `node dist/scripts/start.js`, as `npm start` runs it.
 */
describe('the environment variables of the configuration (real process)', function () {
  this.timeout(120000);
  let folder: string;
  let service: ServiceProcess | undefined;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'midplat-env-'));
  });
  afterEach(async () => {
    await service?.kill();
    service = undefined;
    rmSync(folder, { recursive: true, force: true });
  });

  for (const [name, value] of [
    ['MIDPLAT_CONFIG', ''],
    ['DATABASE_URL', ''],
    ['PORT', ''],
    ['PORT', ' '],
    ['LOG_LEVEL', ''],
  ] as const) {
    it(`refuses to start, exit 2, naming ${name} when it is set to ${JSON.stringify(value)}; nothing of the demo runs`, async () => {
      // PORT=0 elsewhere: should a start slip through, it must not take a fixed port.
      const env = midplatEnv(undefined, { PORT: '0', [name]: value });
      const result = await runMidplatScript('start', [], { env, cwd: folder });
      expect([result.code, result.stderr]).to.deep.equal([2, `midplat: invalid configuration: ${name}: is set but empty; give it a value or unset it\n`]);
      expect(result.stdout).to.equal('');
      // The demo would have created data/midplat.sqlite in its working directory.
      expect(readdirSync(folder)).to.deep.equal([]);
    });
  }

  it('the embedded demo says it is the demo in its first log line', async () => {
    service = ServiceProcess.spawnDemo(folder);
    await service.listening();
    expect(service.logs[0]).to.include({ mode: 'demo' });
    expect(String(service.logs[0]!.msg)).to.match(/^embedded demo \(neither MIDPLAT_CONFIG nor DATABASE_URL is set\): .*not for production$/);
    expect(existsSync(join(folder, 'data', 'midplat.sqlite'))).to.equal(true);
  });

  it('a production start says nothing of the demo, and its demo.loadOnStart refusal does not suggest seed --demo', async () => {
    service = ServiceProcess.spawn({ http: { port: 0 }, esb: { url: 'http://127.0.0.1:9/esb' } });
    await service.listening();
    expect(service.logs.filter((line) => line.mode === 'demo' || /demo/.test(String(line.msg)))).to.deep.equal([]);
    await service.kill();

    service = ServiceProcess.spawn({ http: { port: 0 }, esb: { url: 'http://127.0.0.1:9/esb' }, demo: { loadOnStart: true } });
    const { code } = await service.exited;
    expect(code, service.stderr).to.equal(2);
    expect(service.stderr).to.contain('midplat: invalid configuration: config key demo.loadOnStart: ');
    expect(service.stderr).to.not.contain('seed');
  });
});
