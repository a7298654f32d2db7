import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { projectRoot } from '../../../config/projectRoot.js';
import { registeredMetricNames } from '../../support/registeredMetricNames.js';

const PROMETHEUS = join(projectRoot, 'deploy', 'prometheus');
/** Debian's `prometheus` package (`.ci/run` installs it when missing); PROMTOOL_PATH overrides. */
const PROMTOOL = process.env.PROMTOOL_PATH ?? '/usr/bin/promtool';

function promtool(...args: string[]): string {
  if (!existsSync(PROMTOOL)) throw new Error(`no promtool at ${PROMTOOL}: apt-get install -y prometheus (or set PROMTOOL_PATH)`);
  const run = spawnSync(PROMTOOL, args, { cwd: PROMETHEUS, encoding: 'utf8', timeout: 120000 });
  const output = `${run.stdout}${run.stderr}`;
  expect(run.status, `promtool ${args.join(' ')}:\n${output}`).to.equal(0);
  return output;
}

const alertNames = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((match) => match[1]!);

/** deploy/prometheus/alerts.yml, checked and unit-tested by Prometheus's own promtool. */
describe('Prometheus alert rules (deploy/prometheus)', function () {
  this.timeout(150000);
  const rules = readFileSync(join(PROMETHEUS, 'alerts.yml'), 'utf8');
  const tests = readFileSync(join(PROMETHEUS, 'alerts.test.yml'), 'utf8');

  it('pass promtool check rules', () => {
    expect(promtool('check', 'rules', 'alerts.yml')).to.include('SUCCESS');
  });

  it('pass their unit tests (promtool test rules), one at least per alert', () => {
    const defined = alertNames(rules, /^\s*- alert: (\w+)$/gm);
    expect(defined).to.include.members(['MidplatOutboxMessagesFailed', 'MidplatOutboxOldestPendingTooOld', 'MidplatOutboxDeliveryLatencyHigh', 'MidplatEsbCircuitOpen', 'MidplatHttp5xxRateHigh', 'MidplatNotReady']);
    const firedInTests = new Set(alertNames(tests, /alertname: (\w+)\n\s+exp_alerts:\n\s+- exp_labels/g));
    expect(defined.filter((name) => !firedInTests.has(name)), 'alerts no test sees firing').to.deep.equal([]);
    expect(promtool('test', 'rules', 'alerts.test.yml')).to.include('SUCCESS');
  });

  it('read only metrics Midplat exports (and Prometheus\'s own `up`)', () => {
    const exported = new Set(registeredMetricNames());
    const used = [...new Set([...rules.matchAll(/\b(midplat_[a-z0-9_]+?)(?:_bucket|_count|_sum)?\b(?=[{[)\s])/g)].map((match) => match[1]!))];
    expect(used.length).to.be.greaterThan(5);
    expect(used.filter((name) => !exported.has(name)), 'unknown metric names').to.deep.equal([]);
  });
});
