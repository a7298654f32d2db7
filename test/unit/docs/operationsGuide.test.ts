import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { projectRoot } from '../../../config/projectRoot.js';
import { markdownAnchors } from '../../support/markdownLinks.js';
import { registeredMetricNames } from '../../support/registeredMetricNames.js';

const OPERATIONS = join(projectRoot, 'docs', 'operations.md');

/** docs/operations.md explains every metric Midplat exports and every alert it ships. */
describe('operations guide (docs/operations.md)', () => {
  const guide = readFileSync(OPERATIONS, 'utf8');

  it('explains every metric Midplat registers', () => {
    const names = registeredMetricNames();
    expect(names).to.include.members(['midplat_http_request_duration_seconds', 'midplat_ready', 'midplat_outbox_oldest_pending_age_seconds']);
    expect(names.filter((name) => !guide.includes(`| \`${name}\``)), 'metrics missing from the Metrics table').to.deep.equal([]);
  });

  it('has a section for every alert of deploy/prometheus/alerts.yml, where its runbook annotation points', () => {
    const rules = readFileSync(join(projectRoot, 'deploy', 'prometheus', 'alerts.yml'), 'utf8');
    const alerts = [...rules.matchAll(/^\s*- alert: (\w+)$/gm)].map((match) => match[1]!);
    const runbooks = [...rules.matchAll(/runbook: "docs\/operations\.md#([a-z0-9-]+)"/g)].map((match) => match[1]!);
    expect(runbooks).to.deep.equal(alerts.map((name) => name.toLowerCase()));
    const anchors = markdownAnchors(OPERATIONS);
    expect(runbooks.filter((anchor) => !anchors.has(anchor)), 'alerts without a section').to.deep.equal([]);
  });
});
