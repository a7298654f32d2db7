import { TextDecoder } from 'node:util';
import iconv from 'iconv-lite';

/**
 * Characters XML 1.0 cannot carry at all, not even as a reference (C0 controls other
 * than tab/LF/CR, lone surrogates, U+FFFE/U+FFFF).
 */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;
// eslint-disable-next-line no-control-regex
const ASCII_ONLY = /^[\x00-\x7f]*$/;
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/gu;
const QUESTION_MARK = 0x3f;

const encodable = new Map<number, boolean>();
const windows936 = new TextDecoder('gbk', { fatal: true });

/**
 * iconv-lite writes `?` for what GBK lacks (SPEC 10), so ask it one character at a time,
 * once. It also gives about 80 characters (e.g. 䶮, ǹ, radicals) their GB18030-2005 codes,
 * which a Windows-936 reader sees as private-use garbage: a character counts as GBK only
 * when the standard GBK decoder gives it back. Private-use characters (GBK's user-defined
 * areas) have no agreed meaning between banks and go out as references too.
 */
function decodesBackTo(bytes: Buffer, character: string): boolean {
  try {
    return windows936.decode(bytes) === character;
  } catch {
    return false;
  }
}

function gbkCanEncode(codePoint: number): boolean {
  let known = encodable.get(codePoint);
  if (known === undefined) {
    const character = String.fromCodePoint(codePoint);
    const bytes = iconv.encode(character, 'gbk');
    const privateUse = codePoint >= 0xe000 && codePoint <= 0xf8ff;
    known = !privateUse && !(bytes.length === 1 && bytes[0] === QUESTION_MARK) && decodesBackTo(bytes, character);
    encodable.set(codePoint, known);
  }
  return known;
}

/** Escapes text for XML element content; CR as a reference so parsers do not fold it into LF. */
export function escapeXmlText(text: string): string {
  return text.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

/**
 * XML text (already escaped) as GBK bytes; every character GBK cannot hold becomes a
 * decimal numeric character reference (`𠮷` → `&#134071;`), never `?`.
 * Throws for characters XML 1.0 cannot carry in any form.
 */
export function encodeGbkXmlText(xml: string): Buffer {
  if (ASCII_ONLY.test(xml)) {
    if (NOT_XML.test(xml)) throw new Error('the reply holds a character XML 1.0 cannot carry');
    return Buffer.from(xml, 'latin1');
  }
  if (NOT_XML.test(xml)) throw new Error('the reply holds a character XML 1.0 cannot carry');
  const safe = xml.replace(NON_ASCII, (character) => {
    const codePoint = character.codePointAt(0)!;
    return gbkCanEncode(codePoint) ? character : `&#${codePoint};`;
  });
  return iconv.encode(safe, 'gbk');
}
