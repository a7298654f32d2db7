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

/** The RespCode of success. */
export const RESP_CODE_SUCCESS = 'AAAAAAA';
