import { hash } from 'node:crypto';
import type { EncryptType } from '../../adapters/http/customer-check/ports.js';

/** An accepted API key: the key itself (usually a secret reference), or only its SHA-256 in hex. */
export type ApiKeyConfig = string | { readonly sha256: string };

/** A partner bank of CustomerCheck (config `billing.institutions[]`). */
export interface InstitutionConfig {
  readonly instId: string;
  /** The single-key form of `apiKeys`. */
  readonly apiKey?: string;
  /** Several keys accepted at once, so the bank can switch at its own pace (SPEC 2.2.2). */
  readonly apiKeys?: readonly ApiKeyConfig[];
  readonly encryptType: EncryptType;
  /** Hex key for SM4 (16 bytes) or AES (16/24/32 bytes); absent or empty for NONE. */
  readonly key?: string;
}

/** The SHA-256 of every key the institution accepts, whichever form the configuration used. */
export function apiKeyDigestsOf(institution: InstitutionConfig): Buffer[] {
  const keys = institution.apiKeys ?? (institution.apiKey === undefined ? [] : [institution.apiKey]);
  return keys.map((key) => (typeof key === 'string' ? hash('sha256', key, 'buffer') : Buffer.from(key.sha256, 'hex')));
}
