import { BillingParameterInvalid } from '../../../core/customer-check/errors.js';
import { decodeStrict } from './xmlCharset.js';
import { readFlatXml } from './flatXmlFastPath.js';
import { encodeGbkXmlText, escapeXmlText } from './gbkWithReferences.js';
import { parseXml } from './xml2jsParser.js';

export const GBK_DECLARATION = '<?xml version="1.0" encoding="GBK"?>';

/** Any DTD: the only way to declare entities, so refusing it stops billion laughs and XXE. */
const DTD = /<!DOCTYPE|<!ENTITY/i;

/**
 * A flat XML document `<root><field>text</field>…</root>` read safely: strict charset,
 * no DTD, one occurrence of each wanted field, text only. Other elements are ignored.
 */
export function readXmlDocument<F extends string>(
  body: Uint8Array,
  charset: string | undefined,
  root: string,
  fields: readonly F[],
): Partial<Record<F, string>> {
  const text = decodeStrict(body, charset);
  if (DTD.test(text)) throw new BillingParameterInvalid(null, '报文不允许包含 DTD 或实体声明');
  // The hand-written reader answers for the usual flat request; xml2js for everything else.
  const document = (readFlatXml(text, root, fields) ?? parseXml(text)) as Record<string, unknown> | null;
  if (document === null || typeof document !== 'object' || !Object.hasOwn(document, root)) {
    throw new BillingParameterInvalid(null, `根元素须为 <${root}>`);
  }
  const element = document[root];
  if (element === '') return {};
  if (typeof element !== 'object' || element === null) throw new BillingParameterInvalid(null, `<${root}> 须包含字段元素`);
  const values: Partial<Record<F, string>> = {};
  for (const field of fields) {
    if (!Object.hasOwn(element, field)) continue;
    const value = (element as Record<string, unknown>)[field];
    if (typeof value !== 'string') throw new BillingParameterInvalid(field, '须为文本且只出现一次');
    values[field] = value;
  }
  return values;
}

/** `<?xml … encoding="GBK"?>` then `<root>` with one element per field, in order, as GBK bytes. */
export function writeXmlDocument<F extends string>(root: string, fields: readonly F[], values: Partial<Record<F, string | number>>): Buffer {
  let xml = `${GBK_DECLARATION}\n<${root}>\n`;
  for (const field of fields) {
    const value = values[field];
    xml += `  <${field}>${value === undefined ? '' : escapeXmlText(String(value))}</${field}>\n`;
  }
  xml += `</${root}>\n`;
  return encodeGbkXmlText(xml);
}

const SALVAGE_VALUE = /^[0-9A-Za-z._:-]{1,64}$/;

/**
 * Best effort for an error reply: the header fields of a body `readXmlDocument` refused
 * (truncated, bad bytes…), read from its ASCII bytes. Never throws.
 */
export function salvageXmlFields<F extends string>(body: Uint8Array, fields: readonly F[]): Partial<Record<F, string>> {
  const text = Buffer.from(body.buffer, body.byteOffset, Math.min(body.length, 4096)).toString('latin1');
  const values: Partial<Record<F, string>> = {};
  for (const field of fields) {
    const value = new RegExp(`<${field}>\\s*([^<]{1,64}?)\\s*</${field}>`).exec(text)?.[1];
    if (value !== undefined && SALVAGE_VALUE.test(value)) values[field] = value;
  }
  return values;
}
