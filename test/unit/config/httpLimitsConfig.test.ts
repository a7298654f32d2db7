import { expect } from 'chai';
import { loadConfig } from '../../../config/loadConfig.js';
import { thrownBy } from '../../support/thrownBy.js';

const failureOf = (load: () => unknown) => thrownBy(load).message;

describe('http connection limits in the configuration', () => {
  it('sets a headers timeout and a connection cap by default', () => {
    expect(loadConfig({}).http).to.include({ headersTimeoutMs: 10000, maxConnections: 1024 });
  });

  it('takes both from the config file', () => {
    expect(loadConfig({}, { http: { headersTimeoutMs: 2000, maxConnections: 50 } }).http).to.include({ headersTimeoutMs: 2000, maxConnections: 50 });
  });

  it('refuses a headers timeout beyond the request timeout, and a cap of zero, naming the key', () => {
    expect(failureOf(() => loadConfig({}, { http: { headersTimeoutMs: 60001 } }))).to.match(/^config key http\.headersTimeoutMs: /);
    expect(failureOf(() => loadConfig({}, { http: { maxConnections: 0 } }))).to.match(/^config key http\.maxConnections: /);
  });
});
