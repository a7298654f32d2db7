import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { defaultConfig } from '../../../config/defaults.js';
import { projectRoot } from '../../../config/projectRoot.js';

const UNIT = join(projectRoot, 'deploy', 'midplat.service');

/** Every `Key=value` of the unit (a key given twice keeps each value), comments left out. */
function directives(text: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const match = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    if (match) found.set(match[1]!, [...(found.get(match[1]!) ?? []), match[2]!]);
  }
  return found;
}

/** deploy/midplat.service: the hardening docs/operations.md describes, and a stop timeout that fits the drain. */
describe('systemd unit (deploy/midplat.service)', () => {
  const unit = directives(readFileSync(UNIT, 'utf8'));
  const value = (key: string) => unit.get(key)?.join(' | ');

  it('confines the service with the hardening systemd offers a network service', () => {
    expect(value('User')).to.equal('midplat');
    for (const [key, expected] of Object.entries({
      NoNewPrivileges: 'yes',
      CapabilityBoundingSet: '',
      ProtectSystem: 'strict',
      ProtectHome: 'yes',
      PrivateTmp: 'yes',
      PrivateDevices: 'yes',
      ProtectKernelTunables: 'yes',
      ProtectKernelModules: 'yes',
      ProtectControlGroups: 'yes',
      RestrictAddressFamilies: 'AF_INET AF_INET6 AF_UNIX',
      RestrictNamespaces: 'yes',
      LockPersonality: 'yes',
      SystemCallArchitectures: 'native',
    })) {
      expect(value(key), key).to.equal(expected);
    }
    expect(unit.get('SystemCallFilter')).to.deep.equal(['@system-service', '~@privileged']);
  });

  it("leaves MemoryDenyWriteExecute off: V8's JIT needs memory it wrote to become executable", () => {
    expect(value('MemoryDenyWriteExecute')).to.equal('no');
  });

  it('gives the drain time before SIGKILL and does not restart a refused configuration (exit code 2)', () => {
    expect(value('KillSignal')).to.equal('SIGTERM');
    // The process exits 1 when shutdown overruns the grace period by more than 2 s: stop must wait longer than that.
    expect(Number(value('TimeoutStopSec'))).to.be.greaterThan(defaultConfig.http.shutdownGraceMs / 1000 + 2);
    expect(value('RestartPreventExitStatus')).to.equal('2');
    expect(value('ExecStart')).to.equal('/usr/bin/node dist/scripts/start.js');
  });

  it('passes systemd-analyze verify where systemd is installed', function () {
    if (!existsSync('/usr/bin/systemd-analyze') || !existsSync('/usr/bin/node')) this.skip();
    const run = spawnSync('/usr/bin/systemd-analyze', ['verify', UNIT], { encoding: 'utf8', timeout: 60000 });
    expect(`${run.stdout}${run.stderr}`.trim(), 'systemd-analyze verify').to.equal('');
    expect(run.status).to.equal(0);
  });
});
