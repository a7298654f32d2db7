import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '../../../config/loadConfig.js';
import { projectRoot } from '../../../config/projectRoot.js';
import { requireServingSettings } from '../../../config/requireServingSettings.js';
import { SECRET_KEYS } from '../../../config/secretReferences.js';

/** The production configuration of docs/operations.md's Configure section. */
function documentedProductionConfig(): Record<string, unknown> {
  const guide = readFileSync(join(projectRoot, 'docs', 'operations.md'), 'utf8');
  const section = guide.slice(guide.indexOf('## Configure'), guide.indexOf('## Migrate'));
  const block = /```json\n([\s\S]*?)```/.exec(section);
  if (!block) expect.fail('docs/operations.md has no production configuration in its Configure section');
  return JSON.parse(block[1]!) as Record<string, unknown>;
}

/** Every string at a secret key (SECRET_KEYS, `*` = any index): a secret written in clear. */
function clearSecrets(node: unknown, path: string[] = []): string[] {
  if (typeof node === 'string') {
    const matches = SECRET_KEYS.some((key) => {
      const parts = key.split('.');
      return parts.length === path.length && parts.every((part, index) => part === '*' || part === path[index]);
    });
    return matches ? [path.join('.')] : [];
  }
  if (node === null || typeof node !== 'object') return [];
  if ('sha256' in node && path.at(-2) === 'apiKeys') return []; // a digest, not the key
  return Object.entries(node).flatMap(([key, child]) => clearSecrets(child, [...path, Array.isArray(node) ? '*' : key]));
}

describe('the production configuration of docs/operations.md (Configure)', () => {
  it('holds references only, and loads as production once its files and variables exist', () => {
    const config = documentedProductionConfig();
    expect(clearSecrets(config)).to.deep.equal([]);
    const folder = mkdtempSync(join(tmpdir(), 'midplat-documented-'));
    try {
      // The same files under a temporary folder, each with a plausible secret.
      const contents: Record<string, string> = {
        'midplat-db-password': 'db-password\n',
        'mplus-webhook': `whsec_${Buffer.alloc(32, 8).toString('base64')}\n`,
        'bank-00001-api-key': 'bank-one-api-key-from-file\n',
        'bank-00001-sm4-key': 'ffeeddccbbaa99887766554433221100\n',
      };
      const text = JSON.stringify(config).replace(/"file":"\/run\/secrets\/([^"]+)"/g, (_match, name: string) => {
        const file = join(folder, basename(name));
        writeFileSync(file, contents[name] ?? `${'ab'.repeat(32)}\n`);
        return `"file":${JSON.stringify(file)}`;
      });
      const withDigest = text.replace('<sha256 of the key; the key itself lives only at the bank>', 'cd'.repeat(32));
      writeFileSync(join(folder, 'midplat.json'), withDigest);
      const loaded = loadConfig({ MIDPLAT_CONFIG: join(folder, 'midplat.json'), MONEYPLUS_TOKEN_SHA256: 'ef'.repeat(32) });
      expect(() => requireServingSettings(loaded)).to.not.throw();
      expect(loaded.database.password).to.equal('db-password');
      expect(loaded.billing.institutions[0]!.key).to.equal('ffeeddccbbaa99887766554433221100');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
