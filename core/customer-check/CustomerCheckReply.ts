import { RESP_CODE_SUCCESS } from './errors.js';
import { ECHOED_FIELDS, type CustomerCheckReplyFields, type CustomerCheckRequestFields } from './messages.js';
import type { CustomerCheckRequest } from './CustomerCheckRequest.js';
import type { BillingCustomerProfile } from './ports.js';

export const REPLY_TRAN_CODE = 'CustomerCheckRes';
export const SUCCESS_MESSAGE = '查询成功';

/** The `<out>` of a found customer. The reserved filed1..3 are always empty. */
export function successReply(request: CustomerCheckRequest, profile: BillingCustomerProfile): CustomerCheckReplyFields {
  return {
    Version: request.version,
    InstId: request.instId,
    TranCode: REPLY_TRAN_CODE,
    TranDate: request.tranDate,
    TranSeq: request.tranSeq,
    RespCode: RESP_CODE_SUCCESS,
    RespMessage: SUCCESS_MESSAGE,
    billKey: profile.billKey,
    companyId: profile.companyId,
    contractNo: profile.contractNo,
    customerName: profile.customerName,
    customerPhone: profile.customerPhone,
    customerAddress: profile.customerAddress,
    customerStatus: profile.customerStatus,
    serviceStatus: profile.serviceStatus,
    registerDate: profile.registerDate,
    lastPayDate: profile.lastPayDate ?? '',
    totalPayCount: profile.totalPayCount,
    totalPayAmount: profile.totalPayAmount,
    filed1: '',
    filed2: '',
    filed3: '',
  };
}

/** What an error reply may echo: the visible ASCII a valid header field is made of. */
const ECHOABLE = /^[\x20-\x7e]{1,64}$/;

/**
 * The `<out>` of a failure: RespCode and RespMessage, plus the header fields that could be
 * read from the request (Version, InstId, TranDate, TranSeq) when they look like header
 * fields; anything else (too long, control characters) is not repeated back.
 */
export function errorReply(echo: CustomerCheckRequestFields, respCode: string, respMessage: string): CustomerCheckReplyFields {
  const reply: CustomerCheckReplyFields = { TranCode: REPLY_TRAN_CODE, RespCode: respCode, RespMessage: respMessage };
  for (const field of ECHOED_FIELDS) {
    const value = echo[field]?.trim();
    if (value !== undefined && ECHOABLE.test(value)) reply[field] = value;
  }
  return reply;
}
