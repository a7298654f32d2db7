import { expect } from 'chai';
import { keysNeedingRestart, RELOADABLE_KEYS } from '../../../config/keysNeedingRestart.js';
import { loadConfig } from '../../../config/loadConfig.js';

const production = (overrides: object) => loadConfig({ DATABASE_URL: 'sqlite::memory:' }, overrides as never);
const consumer = (name: string) => ({ name, tokenSha256: 'a'.repeat(64), scopes: [] });

describe('keysNeedingRestart (reload, SPEC 2.2.2)', () => {
  it('takes what a reload swaps from the schema\'s x-reload annotations', () => {
    expect(RELOADABLE_KEYS).to.deep.equal(['auth', 'moneyPlus.partners', 'billing.institutions']);
  });

  it('names the other keys that changed, never their values, and none for the swapped credentials', () => {
    const running = production({ auth: { consumers: [consumer('a')] } });
    expect(keysNeedingRestart(running, production({ auth: { consumers: [consumer('b')] } }))).to.deep.equal([]);
    const next = production({ auth: { consumers: [] }, http: { port: 8081 }, database: { password: 'new-secret' }, outbox: { backoffMs: [1] } });
    const keys = keysNeedingRestart(running, next);
    expect(keys).to.deep.equal(['database.password', 'http.port', 'outbox.backoffMs']);
    expect(keys.join(' ')).to.not.contain('new-secret');
  });
});
