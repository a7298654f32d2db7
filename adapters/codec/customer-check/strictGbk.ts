import iconv from 'iconv-lite';

/**
 * GBK as Midplat reads and writes it, the same on every Node version: Node's `gbk`
 * TextDecoder is WHATWG's gb18030 decoder, which accepts four-byte sequences and new
 * mappings from Node 22 on (SPEC 10), so it decides nothing here.
 *
 * Valid GBK is bytes 0x00–0x7F alone, or two bytes, lead 0x81–0xFE and trail 0x40–0x7E or
 * 0x80–0xFE, whose code names a character. Nothing else: not 0x80 (CP936's €) nor 0xFF
 * alone, no GB18030 four-byte sequence. The characters are Microsoft's CP936 as iconv-lite's
 * pure-JS table holds them, minus its private-use codes (the user-defined areas, which mean
 * nothing agreed between two banks). test/fixtures/customer-check/gbk-python.txt holds
 * Python's `gbk` codec's table; a unit test checks this one against it.
 */
const NONE = 0;

interface GbkTables {
  /** lead << 8 | trail → UTF-16 unit, NONE when the code names nothing. */
  readonly toUnicode: Uint16Array;
  /** UTF-16 unit → lead << 8 | trail, NONE when GBK cannot hold it. */
  readonly toGbk: Uint16Array;
}

const isTrail = (byte: number) => byte >= 0x40 && byte <= 0xfe && byte !== 0x7f;
const isPrivateUse = (unit: number) => unit >= 0xe000 && unit <= 0xf8ff;

function buildTables(): GbkTables {
  const toUnicode = new Uint16Array(0x10000);
  const toGbk = new Uint16Array(0x10000);
  const pair = Buffer.alloc(2);
  for (let lead = 0x81; lead <= 0xfe; lead += 1) {
    for (let trail = 0x40; trail <= 0xfe; trail += 1) {
      if (!isTrail(trail)) continue;
      pair[0] = lead;
      pair[1] = trail;
      const text = iconv.decode(pair, 'cp936');
      const unit = text.charCodeAt(0);
      if (text.length !== 1 || unit === 0xfffd || isPrivateUse(unit)) continue;
      const code = (lead << 8) | trail;
      toUnicode[code] = unit;
      if (toGbk[unit] === NONE) toGbk[unit] = code;
    }
  }
  return { toUnicode, toGbk };
}

let tables: GbkTables | undefined;
// Built on first use (about 24,000 two-byte codes), then fixed for the life of the process.
const gbk = (): GbkTables => (tables ??= buildTables());

/** GBK bytes to text; undefined when any byte sequence is not valid GBK (see above). */
export function decodeStrictGbk(bytes: Uint8Array): string | undefined {
  const { toUnicode } = gbk();
  // UTF-16LE written byte by byte, so the host's endianness does not matter.
  const utf16 = Buffer.allocUnsafe(bytes.length * 2);
  let length = 0;
  for (let index = 0; index < bytes.length; index += 1) {
    const lead = bytes[index]!;
    let unit = lead;
    if (lead >= 0x80) {
      const trail = bytes[index + 1];
      if (lead === 0x80 || lead === 0xff || trail === undefined || !isTrail(trail)) return undefined;
      unit = toUnicode[(lead << 8) | trail]!;
      if (unit === NONE) return undefined;
      index += 1;
    }
    utf16[length++] = unit & 0xff;
    utf16[length++] = unit >> 8;
  }
  return utf16.toString('utf16le', 0, length);
}

/** The two-byte GBK code (lead << 8 | trail) of a UTF-16 unit of 0x80 or above, or 0 when GBK cannot hold it. */
export function gbkCodeOf(unit: number): number {
  return gbk().toGbk[unit]!;
}
