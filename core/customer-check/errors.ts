import { DomainError } from '../shared/DomainError.js';

/**
 * CustomerCheck errors carry the seed's RespCode as their `code` (SPEC 6). The message is
 * the RespMessage the partner bank reads, so it is Chinese and names the field.
 */

/** A field is missing or malformed, or the body cannot be read (EPARAM1, HTTP 400). */
export class BillingParameterInvalid extends DomainError {
  readonly code = 'EPARAM1';
  readonly kind = 'validation' as const;
  constructor(
    readonly field: string | null,
    detail: string,
  ) {
    super(field ? `参数错误：${field} ${detail}` : `参数错误：${detail}`);
  }
}

/** TranCode is present but is not `CustomerCheck` (ETRANCD, HTTP 400). */
export class WrongTranCode extends DomainError {
  readonly code = 'ETRANCD';
  readonly kind = 'validation' as const;
  constructor(readonly tranCode: string) {
    super('交易码错误：须为 CustomerCheck');
  }
}

/** No billing customer answers the query (ENOCUST; SPEC 6 answers it with HTTP 400). */
export class BillingCustomerNotFound extends DomainError {
  readonly code = 'ENOCUST';
  readonly kind = 'not_found' as const;
  constructor() {
    super('客户不存在');
  }
}

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

/** The RespCode of success. */
export const RESP_CODE_SUCCESS = 'AAAAAAA';
/** The RespCode of anything unexpected (HTTP 500). */
export const RESP_CODE_SYSTEM = 'ESYSTEM';
