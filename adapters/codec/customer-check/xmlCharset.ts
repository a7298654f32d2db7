import { TextDecoder } from 'node:util';
import { BillingParameterInvalid } from '../../../core/customer-check/errors.js';
import { decodeStrictGbk } from './strictGbk.js';

/** Reads bytes in one encoding; undefined when they are not valid in it. */
interface StrictDecoder {
  /** How refusals name the encoding. */
  readonly name: string;
  decode(bytes: Uint8Array): string | undefined;
}

function fatalTextDecoder(name: string, label: string): StrictDecoder {
  const decoder = new TextDecoder(label, { fatal: true });
  return {
    name,
    decode: (bytes) => {
      try {
        return decoder.decode(bytes);
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * The encodings CustomerCheck accepts (SPEC 6), each refusing invalid bytes instead of
 * making U+FFFD (SPEC 10). GBK is checked by our own rules (strictGbk.ts), not by Node's
 * decoder; GB2312 is read as GBK, its superset, which is what partner banks mean in practice.
 */
const gbk: StrictDecoder = { name: 'GBK', decode: decodeStrictGbk };
const gb18030 = fatalTextDecoder('GB18030', 'gb18030');
const utf8 = fatalTextDecoder('UTF-8', 'utf-8');

const DECODERS: Record<string, StrictDecoder> = {
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
export function decoderFor(body: Uint8Array, charset: string | undefined): StrictDecoder {
  const name = (charset ?? declaredEncoding(body) ?? 'utf-8').toLowerCase();
  const decoder = DECODERS[name];
  if (!decoder) {
    const shown = /^[a-z0-9._-]{1,40}$/.test(name) ? `${name} ` : '';
    throw new BillingParameterInvalid(null, `不支持的字符编码 ${shown}（支持 GBK、GB2312、GB18030、UTF-8）`);
  }
  return decoder;
}

/**
 * Private-use code points (what GB18030 makes of GBK's user-defined areas): they have no
 * agreed meaning between two banks, so they count as invalid. The GBK decoder never makes them.
 */
const PRIVATE_USE = /[\ue000-\uf8ff]/;

/** Bytes to text, refusing any byte sequence that is not valid in the encoding. */
export function decodeStrict(body: Uint8Array, charset: string | undefined): string {
  const decoder = decoderFor(body, charset);
  const text = decoder.decode(body);
  if (text === undefined || PRIVATE_USE.test(text)) {
    throw new BillingParameterInvalid(null, `报文含有非法的 ${decoder.name} 字节序列`);
  }
  return text;
}
