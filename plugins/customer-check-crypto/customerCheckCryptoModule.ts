import { ContainerModule } from 'inversify';
import { InstitutionDirectory, type EncryptType } from '../../adapters/http/customer-check/ports.js';
import type { BodyProtection } from './BodyProtection.js';
import { CbcBodyProtection } from './CbcBodyProtection.js';
import { ConfiguredInstitution } from './ConfiguredInstitution.js';
import { ConfiguredInstitutionDirectory } from './ConfiguredInstitutionDirectory.js';
import type { InstitutionConfig } from './InstitutionConfig.js';
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
  const entries = institutions.map((config, index) => {
    const where = `billing.institutions[${index}]`;
    if (seenInstIds.has(config.instId)) throw new Error(`${where}.instId: ${config.instId} is configured twice`);
    if (seenKeys.has(config.apiKey)) throw new Error(`${where}.apiKey: the same key is given to two institutions`);
    seenInstIds.add(config.instId);
    seenKeys.add(config.apiKey);
    const make = PROTECTIONS[config.encryptType];
    if (!make) throw new Error(`${where}.encryptType: unknown "${String(config.encryptType)}" (known: ${Object.keys(PROTECTIONS).join(', ')})`);
    const protection = make(Buffer.from(config.key ?? '', 'hex'), `${where}.key`);
    return { apiKey: config.apiKey, institution: new ConfiguredInstitution(config.instId, config.encryptType, protection) };
  });
  return new ConfiguredInstitutionDirectory(entries);
}

export function customerCheckCryptoModule(institutions: readonly InstitutionConfig[]): ContainerModule {
  const directory = buildInstitutionDirectory(institutions);
  return new ContainerModule(({ bind }) => {
    bind(InstitutionDirectory).toConstantValue(directory);
  });
}
