import { gbkCodeOf } from './strictGbk.js';

const MARKUP = /[&<>\r]/;

/** Escapes text for XML element content; CR as a reference so parsers do not fold it into LF. */
export function escapeXmlText(text: string): string {
  if (!MARKUP.test(text)) return text;
  return text.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

class NotXmlCharacter extends Error {
  constructor() {
    super('the reply holds a character XML 1.0 cannot carry');
  }
}

/** C0 controls other than tab, LF and CR (XML 1.0's Char production leaves them out). */
const isForbiddenControl = (unit: number) => unit < 0x20 && unit !== 0x09 && unit !== 0x0a && unit !== 0x0d;

// Output is built in one scratch buffer, then copied out at its exact length. Encoding is
// synchronous, so no two replies ever share it at once. A BMP reference takes at most 8
// bytes (`&#65533;`) for one UTF-16 unit, the most any unit can need.
const MAX_BYTES_PER_UNIT = 8;
let scratch = Buffer.allocUnsafe(16 * 1024);

/**
 * XML text (already escaped) as GBK bytes; every character GBK cannot hold becomes a
 * decimal numeric character reference (`𠮷` → `&#134071;`), never `?`.
 * Throws for characters XML 1.0 cannot carry in any form (C0 controls other than tab,
 * LF and CR, lone surrogates, U+FFFE and U+FFFF).
 */
export function encodeGbkXmlText(xml: string): Buffer {
  if (scratch.length < xml.length * MAX_BYTES_PER_UNIT) scratch = Buffer.allocUnsafe(xml.length * MAX_BYTES_PER_UNIT);
  const out = scratch;
  let length = 0;
  for (let index = 0; index < xml.length; index += 1) {
    const unit = xml.charCodeAt(index);
    if (unit < 0x80) {
      if (isForbiddenControl(unit)) throw new NotXmlCharacter();
      out[length++] = unit;
      continue;
    }
    if (unit >= 0xd800 && unit <= 0xdfff) {
      const low = xml.charCodeAt(index + 1); // NaN past the end
      if (unit > 0xdbff || !(low >= 0xdc00 && low <= 0xdfff)) throw new NotXmlCharacter();
      index += 1;
      length += out.write(`&#${(unit - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000};`, length, 'latin1');
      continue;
    }
    if (unit === 0xfffe || unit === 0xffff) throw new NotXmlCharacter();
    // Only ASCII goes out as one byte: CP936's 0x80 for € is not GBK, so € is a reference too.
    const code = gbkCodeOf(unit);
    if (code === 0) length += out.write(`&#${unit};`, length, 'latin1');
    else {
      out[length++] = code >> 8;
      out[length++] = code & 0xff;
    }
  }
  return Buffer.from(out.subarray(0, length));
}
