import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { configKeys, renderConfigurationReference, type SchemaNode } from '../../../config/configurationReference.js';
import { defaultConfig } from '../../../config/defaults.js';
import { DEMO_CONSUMERS, DEMO_INSTITUTIONS, DEMO_PARTNERS } from '../../../config/demo/demoConfig.js';
import { findDemoCredential } from '../../../config/demoSecrets.js';
import type { MidplatConfig } from '../../../config/MidplatConfig.js';
import { projectRoot } from '../../../config/projectRoot.js';
import { SECRET_KEYS } from '../../../config/secretReferences.js';

/** docs/configuration.md is generated from the schema's annotations (`npm run docs`). */
describe('configuration reference (docs/configuration.md)', () => {
  it('is what `npm run docs` generates from the schema today (run it after changing config/configSchema.ts)', () => {
    const committed = readFileSync(join(projectRoot, 'docs', 'configuration.md'), 'utf8');
    expect(committed === renderConfigurationReference(), 'docs/configuration.md is stale: run `npm run docs` and commit it').to.equal(true);
  });

  it('describes every key and says for each whether a reload changes it', () => {
    const keys = configKeys();
    expect(keys.length).to.be.greaterThan(30);
    for (const key of keys) {
      expect(key.node.description, `${key.path} has no description`).to.be.a('string').and.not.equal('');
      expect(['live', 'restart'], key.path).to.include(key.reload);
    }
    const live = keys.filter((key) => key.reload === 'live').map((key) => key.path.split(/[.[]/).slice(0, 2).join('.'));
    expect([...new Set(live)]).to.deep.equal(['auth.consumers', 'moneyPlus.partners', 'billing.institutions']);
  });

  it('marks as secret every key whose demo value production refuses as a credential', () => {
    const secretPaths = new Set(configKeys().filter((key) => key.node['x-secret']).map((key) => key.path));
    const withOne = (patch: Partial<MidplatConfig>) => ({ ...defaultConfig, ...patch }) as MidplatConfig;
    const holders = [
      withOne({ auth: { consumers: [DEMO_CONSUMERS[0]!] } }),
      withOne({ billing: { institutions: [DEMO_INSTITUTIONS[0]!] } }),
      withOne({ billing: { institutions: [{ ...DEMO_INSTITUTIONS[1]!, apiKey: 'a-bank-of-its-own-key' }] } }),
      withOne({ moneyPlus: { ...defaultConfig.moneyPlus, partners: [DEMO_PARTNERS[0]!] } }),
    ];
    const credentialKeys = holders.map((config) => findDemoCredential(config)?.[0]?.replace(/\.\d+(?=\.|$)/g, '[]').replace(/\[\]$/, ''));
    expect(credentialKeys).to.deep.equal(['auth.consumers[].tokenSha256', 'billing.institutions[].apiKey', 'billing.institutions[].key', 'moneyPlus.partners[].secret']);
    for (const key of credentialKeys) expect(secretPaths.has(key!), `${key} is not marked x-secret`).to.equal(true);
    expect(secretPaths.has('database.url'), 'a MySQL URL carries the password').to.equal(true);
    expect(secretPaths.has('database.replicas'), 'a replica URL carries the password').to.equal(true);
  });

  it('says of every key that takes a secret reference (SECRET_KEYS) that it may be given as one', () => {
    const reference = readFileSync(join(projectRoot, 'docs', 'configuration.md'), 'utf8');
    for (const key of SECRET_KEYS) {
      const row = key.replace(/\.\*/g, '[]').replace(/\[\]$/, '');
      expect(reference, row).to.match(new RegExp(`^\\| \`${row.replace(/[.[\]]/g, '\\$&')}\` \\|[^\n]*\\| yes; a reference \\|`, 'm'));
    }
  });

  it('follows local $refs and says when a secret may be given as an {"env"} or {"file"} reference', () => {
    const reference = { type: 'object', properties: { env: { type: 'string' } } };
    const schema = {
      type: 'object',
      'x-reload': 'restart',
      $defs: { secretValue: { anyOf: [{ type: 'string' }, reference, { type: 'object', properties: { file: { type: 'string' } } }] } },
      properties: {
        vault: {
          type: 'object',
          description: 'A section.',
          required: ['password', 'keys'],
          properties: {
            password: { $ref: '#/$defs/secretValue', 'x-secret': true, description: 'A secret.' },
            keys: { type: 'array', items: { $ref: '#/$defs/secretValue' }, 'x-secret': true, 'x-reload': 'live', description: 'Secrets, newest first.' },
          },
        },
      },
    } as unknown as SchemaNode;
    expect(configKeys(schema).map((key) => [key.path, key.reload])).to.deep.equal([['vault.password', 'restart'], ['vault.keys', 'live']]);
    const rendered = renderConfigurationReference(schema);
    expect(rendered).to.include('| `vault.password` | string or reference {"env"} or reference {"file"} | none |  | yes; a reference | restart | A secret. |');
    expect(rendered).to.include('| `vault.keys` | array of string or reference {"env"} or reference {"file"} | none |  | yes; a reference | live | Secrets, newest first. |');
  });
});
