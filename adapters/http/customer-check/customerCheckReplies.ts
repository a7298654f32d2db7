import { DomainError } from '../../../core/shared/DomainError.js';
import { HttpProblem } from '../HttpProblem.js';

/** The RespCode of anything unexpected (HTTP 500). */
export const RESP_CODE_SYSTEM = 'ESYSTEM';

/** The one table of SPEC 6: RespCode → HTTP status of the reply. */
export const STATUS_OF_RESP_CODE: Readonly<Record<string, number>> = {
  AAAAAAA: 200,
  EPARAM1: 400,
  ETRANCD: 400,
  ENOCUST: 400,
  ESECURE: 403,
  ESYSTEM: 500,
};

export interface BillingFailure {
  readonly status: number;
  readonly respCode: string;
  readonly respMessage: string;
  /** Not one of ours: worth an error log line with its stack. */
  readonly unexpected: boolean;
}

/** What any thrown value becomes for a partner bank: a RespCode, never a stack trace. */
export function toBillingFailure(error: unknown): BillingFailure {
  if (error instanceof DomainError && STATUS_OF_RESP_CODE[error.code] !== undefined) {
    return { status: STATUS_OF_RESP_CODE[error.code]!, respCode: error.code, respMessage: error.message, unexpected: false };
  }
  if (error instanceof HttpProblem && error.status === 413) {
    // Too large to read at all: a malformed request, with the status that says why.
    return { status: 413, respCode: 'EPARAM1', respMessage: '参数错误：报文超过长度限制', unexpected: false };
  }
  if (error instanceof HttpProblem && error.status < 500) {
    return { status: 400, respCode: 'EPARAM1', respMessage: '参数错误：报文无法读取', unexpected: false };
  }
  return { status: 500, respCode: RESP_CODE_SYSTEM, respMessage: '系统错误，请稍后再试', unexpected: true };
}
