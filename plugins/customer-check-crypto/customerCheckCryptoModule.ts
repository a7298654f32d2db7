import type { EncryptType } from '../../adapters/http/customer-check/ports.js';
import type { BodyProtection } from './BodyProtection.js';
import { CbcBodyProtection } from './CbcBodyProtection.js';
import { ConfiguredInstitution } from './ConfiguredInstitution.js';
import { ConfiguredInstitutionDirectory } from './ConfiguredInstitutionDirectory.js';
import { apiKeyDigestsOf, type InstitutionConfig } from './InstitutionConfig.js';
import { PlainBodyProtection } from './PlainBodyProtection.js';

const AES_BY_KEY_BYTES = { 16: 'aes-128-cbc', 24: 'aes-192-cbc', 32: 'aes-256-cbc' } as const;

/** The protection plugin each `encryptType` selects; a wrong key stops the process at start. */
const PROTECTIONS: Record<EncryptType, (key: Buffer, where: string) => BodyProtection> = {
  NONE: (key, where) => {
    if (key.length !== 0) throw new Error(`${where}: must be empty for encryptType NONE`);
    return new PlainBodyProtection();
  },
  SM4: (key, where) => {
    if (key.length !== 16) throw new Error(`${where}: SM4 needs a 16-byte key (32 hex digits), got ${key.length} bytes`);
    return new CbcBodyProtection('sm4-cbc', key);
  },
  AES: (key, where) => {
    const algorithm = AES_BY_KEY_BYTES[key.length as keyof typeof AES_BY_KEY_BYTES];
    if (!algorithm) throw new Error(`${where}: AES needs a 16, 24 or 32-byte key, got ${key.length} bytes`);
    return new CbcBodyProtection(algorithm, key);
  },
};

/** The directory of partner banks built from `billing.institutions`, checked as a whole. */
export function buildInstitutionDirectory(institutions: readonly InstitutionConfig[]): ConfiguredInstitutionDirectory {
  const seenInstIds = new Set<string>();
  const seenKeys = new Set<string>();
  const entries = institutions.flatMap((config, index) => {
    const where = `billing.institutions[${index}]`;
    if (seenInstIds.has(config.instId)) throw new Error(`${where}.instId: ${config.instId} is configured twice`);
    seenInstIds.add(config.instId);
    const digests = apiKeyDigestsOf(config);
    for (const digest of digests) {
      const hex = digest.toString('hex');
      if (seenKeys.has(hex)) throw new Error(`${where}.${config.apiKeys ? 'apiKeys' : 'apiKey'}: the same key is given twice`);
      seenKeys.add(hex);
    }
    const make = PROTECTIONS[config.encryptType];
    if (!make) throw new Error(`${where}.encryptType: unknown "${String(config.encryptType)}" (known: ${Object.keys(PROTECTIONS).join(', ')})`);
    const protection = make(Buffer.from(config.key ?? '', 'hex'), `${where}.key`);
    const institution = new ConfiguredInstitution(config.instId, config.encryptType, protection);
    return digests.map((keyDigest) => ({ keyDigest, institution }));
  });
  return new ConfiguredInstitutionDirectory(entries);
}
