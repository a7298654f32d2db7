import { injectable } from 'inversify';
import { BillingParameterInvalid } from '../../../core/customer-check/errors.js';
import {
  ECHOED_FIELDS,
  NUMERIC_REPLY_FIELDS,
  REPLY_FIELDS,
  REQUEST_FIELDS,
  type CustomerCheckReplyFields,
  type CustomerCheckRequestFields,
} from '../../../core/customer-check/messages.js';
import type { BillingMessageCodec } from '../../http/customer-check/ports.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const SALVAGE_VALUE = /^[0-9A-Za-z._:-]{1,64}$/;

function parseObject(body: Uint8Array): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(body));
  } catch {
    throw new BillingParameterInvalid(null, '报文不是合法的 UTF-8 JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BillingParameterInvalid(null, '报文须为 JSON 对象');
  return value as Record<string, unknown>;
}

/**
 * The JSON variant of SPEC 6: one flat object with the seed's field names, UTF-8.
 * Request values may be strings or numbers; totalPayCount and totalPayAmount go out as numbers.
 */
@injectable()
export class JsonCodec implements BillingMessageCodec {
  readonly dataType = 'JSON' as const;
  readonly contentType = 'application/json; charset=UTF-8';

  decode(body: Uint8Array, charset: string | undefined): CustomerCheckRequestFields {
    if (charset !== undefined && !['utf-8', 'utf8'].includes(charset.toLowerCase())) {
      throw new BillingParameterInvalid(null, 'JSON 报文须为 UTF-8 编码');
    }
    const object = parseObject(body);
    const fields: CustomerCheckRequestFields = {};
    for (const field of REQUEST_FIELDS) {
      if (!Object.hasOwn(object, field)) continue;
      const value = object[field];
      if (typeof value === 'string') fields[field] = value;
      else if (typeof value === 'number' && Number.isFinite(value)) fields[field] = String(value);
      else if (value !== null) throw new BillingParameterInvalid(field, '须为字符串');
    }
    return fields;
  }

  encode(reply: CustomerCheckReplyFields): Uint8Array {
    const ordered: Record<string, string | number> = {};
    for (const field of REPLY_FIELDS) {
      const value = reply[field];
      if (value === undefined) continue;
      ordered[field] = NUMERIC_REPLY_FIELDS.has(field) ? Number(value) : String(value);
    }
    return Buffer.from(JSON.stringify(ordered), 'utf8');
  }

  salvage(body: Uint8Array): CustomerCheckRequestFields {
    let object: Record<string, unknown>;
    try {
      object = parseObject(body);
    } catch {
      return {};
    }
    const fields: CustomerCheckRequestFields = {};
    for (const field of ECHOED_FIELDS) {
      const value = object[field];
      if (Object.hasOwn(object, field) && (typeof value === 'string' || typeof value === 'number') && SALVAGE_VALUE.test(String(value))) {
        fields[field] = String(value);
      }
    }
    return fields;
  }
}
