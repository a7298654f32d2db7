import { TextDecoder } from 'node:util';
import { BillingParameterInvalid } from '../../../core/customer-check/errors.js';

/**
 * The encodings CustomerCheck accepts (SPEC 6) and a strict decoder for each: `fatal`
 * rejects invalid bytes instead of making U+FFFD (SPEC 10). Node's (ICU) `gbk` decoder
 * is GBK proper (Windows-936: no GB18030 four-byte sequences); GB2312 is read as GBK,
 * its superset, which is what partner banks mean in practice.
 */
const gbk = new TextDecoder('gbk', { fatal: true });
const gb18030 = new TextDecoder('gb18030', { fatal: true });
const utf8 = new TextDecoder('utf-8', { fatal: true });

const DECODERS: Record<string, TextDecoder> = {
  gbk,
  gb2312: gbk,
  cp936: gbk,
  'x-gbk': gbk,
  gb18030,
  'utf-8': utf8,
  utf8,
};

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const DECLARATION = /^<\?xml\s[^>]*?\bencoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]{0,39})\1/;

function hasUtf8Bom(body: Uint8Array): boolean {
  return UTF8_BOM.every((byte, index) => body[index] === byte);
}

/** The encoding named by the XML declaration, read from the ASCII-compatible first bytes. */
export function declaredEncoding(body: Uint8Array): string | undefined {
  const start = hasUtf8Bom(body) ? 3 : 0;
  const head = Buffer.from(body.buffer, body.byteOffset + start, Math.min(body.length - start, 256)).toString('latin1');
  return DECLARATION.exec(head)?.[2];
}

/**
 * Which decoder reads the body: the Content-Type charset when the caller sent one
 * (RFC 7303: it outranks the declaration), else the declaration, else UTF-8 (XML 1.0 §4.3.3).
 */
export function decoderFor(body: Uint8Array, charset: string | undefined): TextDecoder {
  const name = (charset ?? declaredEncoding(body) ?? 'utf-8').toLowerCase();
  const decoder = DECODERS[name];
  if (!decoder) {
    const shown = /^[a-z0-9._-]{1,40}$/.test(name) ? `${name} ` : '';
    throw new BillingParameterInvalid(null, `不支持的字符编码 ${shown}（支持 GBK、GB2312、GB18030、UTF-8）`);
  }
  return decoder;
}

/**
 * Private-use code points: GBK's user-defined areas, and what Windows-936 makes of the
 * stray byte 0xFF. They have no agreed meaning between two banks, so they count as invalid.
 */
const PRIVATE_USE = /[\ue000-\uf8ff]/;

/** Bytes to text, refusing any byte sequence that is not valid in the encoding. */
export function decodeStrict(body: Uint8Array, charset: string | undefined): string {
  const decoder = decoderFor(body, charset);
  const invalid = () => new BillingParameterInvalid(null, `报文含有非法的 ${decoder.encoding.toUpperCase()} 字节序列`);
  let text: string;
  try {
    text = decoder.decode(body);
  } catch {
    throw invalid();
  }
  if (PRIVATE_USE.test(text)) throw invalid();
  return text;
}
