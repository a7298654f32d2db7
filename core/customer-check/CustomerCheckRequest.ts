import { BillingParameterInvalid, WrongTranCode } from './errors.js';
import type { CustomerCheckRequestFields } from './messages.js';
import type { CustomerQuery } from './ports.js';

export const REQUEST_TRAN_CODE = 'CustomerCheck';

/** A request whose fields passed every rule of SPEC 6. */
export interface CustomerCheckRequest {
  readonly version: string;
  readonly instId: string;
  readonly tranDate: string;
  readonly tranSeq: string;
  readonly query: CustomerQuery;
}

const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

function text(fields: CustomerCheckRequestFields, field: keyof CustomerCheckRequestFields): string | undefined {
  const value = fields[field]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function required(fields: CustomerCheckRequestFields, field: keyof CustomerCheckRequestFields): string {
  const value = text(fields, field);
  if (value === undefined) throw new BillingParameterInvalid(field, '不能为空');
  return value;
}

function token(fields: CustomerCheckRequestFields, field: keyof CustomerCheckRequestFields, maxLength: number): string {
  const value = required(fields, field);
  if (value.length > maxLength || !PRINTABLE_ASCII.test(value)) {
    throw new BillingParameterInvalid(field, `须为不超过 ${maxLength} 位的可见 ASCII 字符`);
  }
  return value;
}

function key(fields: CustomerCheckRequestFields, field: 'billKey' | 'companyId' | 'contractNo'): string {
  const value = required(fields, field);
  if (value.length > 64 || CONTROL.test(value)) throw new BillingParameterInvalid(field, '须为不超过 64 个字符且不含控制字符');
  return value;
}

/** YYYYMMDD naming a real calendar day. */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * The rules of SPEC 6 in the order a partner expects to hear about them: a wrong
 * TranCode first (ETRANCD), then each field (EPARAM1 naming it). Surrounding
 * whitespace of pretty-printed XML is not part of a value.
 */
export function parseCustomerCheckRequest(fields: CustomerCheckRequestFields): CustomerCheckRequest {
  const tranCode = required(fields, 'TranCode');
  if (tranCode !== REQUEST_TRAN_CODE) throw new WrongTranCode(tranCode);
  const version = token(fields, 'Version', 16);
  const instId = token(fields, 'InstId', 32);
  const tranDate = required(fields, 'TranDate');
  if (!isCalendarDate(tranDate)) throw new BillingParameterInvalid('TranDate', '须为 YYYYMMDD 格式的日期');
  const tranSeq = token(fields, 'TranSeq', 32);
  for (const reserved of ['filed1', 'filed2'] as const) {
    if ((fields[reserved]?.length ?? 0) > 256) throw new BillingParameterInvalid(reserved, '不能超过 256 个字符');
  }
  const queryType = required(fields, 'queryType');
  let query: CustomerQuery;
  if (queryType === '0') {
    query = { queryType, companyId: key(fields, 'companyId'), billKey: key(fields, 'billKey') };
  } else if (queryType === '1') {
    const companyId = text(fields, 'companyId') === undefined ? undefined : key(fields, 'companyId');
    query = { queryType, contractNo: key(fields, 'contractNo'), ...(companyId === undefined ? {} : { companyId }) };
  } else {
    throw new BillingParameterInvalid('queryType', '须为 0（按缴费号）或 1（按合同号）');
  }
  return { version, instId, tranDate, tranSeq, query };
}
