import { DomainError } from '../../../core/shared/DomainError.js';

/**
 * The caller is not who it claims, or its envelope cannot be opened: missing or unknown
 * API key, InstId not the key's, EncryptType not the institution's, bad ciphertext
 * (ESECURE, HTTP 403). The message never says which check failed beyond that.
 */
export class BillingSecurityRejected extends DomainError {
  readonly code = 'ESECURE';
  readonly kind = 'forbidden' as const;
  constructor(detail: string, options?: { cause?: unknown }) {
    super(`安全校验失败：${detail}`, options);
  }
}

/** Why an encrypted body could not be read; for the log and metrics only, never for the caller. */
export type UnreadableEnvelopeCause = 'base64' | 'length' | 'padding' | 'document';

/**
 * An encrypting institution's body failed at or after decryption: not base64, not whole
 * blocks, bad padding, or plaintext that is not a valid document. One fixed message whatever
 * the cause, so every cause gets the identical answer (SPEC 6, no padding oracle); the
 * cause is kept for the log only.
 */
export class BillingEnvelopeUnreadable extends BillingSecurityRejected {
  constructor(
    readonly unreadableCause: UnreadableEnvelopeCause,
    options?: { cause?: unknown },
  ) {
    super('报文无法解密', options);
  }
}
