import type { EncryptType } from '../../adapters/http/customer-check/ports.js';

/** A partner bank of CustomerCheck (config `billing.institutions[]`). */
export interface InstitutionConfig {
  readonly instId: string;
  readonly apiKey: string;
  readonly encryptType: EncryptType;
  /** Hex key for SM4 (16 bytes) or AES (16/24/32 bytes); absent or empty for NONE. */
  readonly key?: string;
}
