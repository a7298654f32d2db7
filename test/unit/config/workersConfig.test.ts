import { expect } from 'chai';
import { workerCount } from '../../../adapters/cluster/ClusterSettings.js';
import { InvalidConfig, loadConfig } from '../../../config/loadConfig.js';
import { thrownBy } from '../../support/thrownBy.js';

const MYSQL = { database: { url: 'mysql://root@127.0.0.1:3306/midplat' } };
const failureOf = (load: () => unknown) => thrownBy(load, InvalidConfig).message;

describe('http.workers in the configuration', () => {
  it('is 1 by default: one process, no cluster', () => {
    expect(loadConfig({}).http.workers).to.equal(1);
  });

  it('takes a positive integer or "auto", which means one worker per core', () => {
    expect(loadConfig({}, { ...MYSQL, http: { workers: 3 } }).http.workers).to.equal(3);
    expect(loadConfig({}, { ...MYSQL, http: { workers: 'auto' } }).http.workers).to.equal('auto');
    expect([workerCount('auto', 8), workerCount('auto', 1), workerCount(3, 8)]).to.deep.equal([8, 1, 3]);
  });

  for (const workers of [0, -2, 1.5, 'two', 'AUTO', '2', null, [2]]) {
    it(`refuses ${JSON.stringify(workers)}, naming the key and what it takes`, () => {
      expect(failureOf(() => loadConfig({}, { ...MYSQL, http: { workers } }))).to.equal('config key http.workers: must be a positive integer, or "auto" (one per core)');
    });
  }

  it('refuses anything but 1 on SQLite, the single-process embedded database', () => {
    for (const workers of [2, 'auto']) {
      expect(failureOf(() => loadConfig({}, { http: { workers } }))).to.match(/^config key http\.workers: must be 1 on SQLite/);
    }
    expect(loadConfig({}, { http: { workers: 1 } }).http.workers).to.equal(1);
  });
});
