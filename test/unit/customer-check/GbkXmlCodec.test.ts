import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import fc from 'fast-check';
import { GbkXmlCodec } from '../../../adapters/codec/customer-check/GbkXmlCodec.js';
import { encodeGbkXmlText } from '../../../adapters/codec/customer-check/gbkWithReferences.js';
import { decodeStrict } from '../../../adapters/codec/customer-check/xmlCharset.js';
import { readXmlDocument, writeXmlDocument } from '../../../adapters/codec/customer-check/xmlDocument.js';
import { projectRoot } from '../../../config/projectRoot.js';
import { BillingParameterInvalid } from '../../../core/customer-check/errors.js';
import { thrownBy } from '../../support/thrownBy.js';
import { aCustomerCheckRequest } from '../../support/customerCheckMothers.js';

const codec = new GbkXmlCodec();
const fixture = (name: string) => readFileSync(join(projectRoot, 'test', 'fixtures', 'customer-check', name));
const ascii = (text: string) => Buffer.from(text, 'latin1');
const hex = (text: string) => Buffer.from(text.replace(/\s/g, ''), 'hex');

const refusal = (action: () => unknown) => thrownBy(action, BillingParameterInvalid);

/**
 * The oracle: every two-byte GBK code as Python's `gbk` codec decodes it
 * (test/fixtures/customer-check/gbk-python.py wrote the file), code → character.
 */
function pythonGbk(): Map<number, string> {
  const trails = [...Array.from({ length: 0x3f }, (_, i) => 0x40 + i), ...Array.from({ length: 0x7f }, (_, i) => 0x80 + i)];
  const table = new Map<number, string>();
  const lines = fixture('gbk-python.txt').toString('utf8').split('\n').filter((line) => line !== '');
  expect(lines).to.have.length(0xfe - 0x81 + 1);
  for (const line of lines) {
    const [leadHex, characters] = line.split('\t') as [string, string];
    expect(characters, leadHex).to.have.length(trails.length);
    trails.forEach((trail, index) => {
      if (characters[index] !== '\ufffd') table.set((parseInt(leadHex, 16) << 8) | trail, characters[index]!);
    });
  }
  return table;
}
const PYTHON_GBK = pythonGbk();
const PYTHON_GBK_CODES = new Map([...PYTHON_GBK].map(([code, character]) => [character, code]));

/** What the writer must make of one character: ASCII as is, Python's GBK code, else a decimal reference. */
function expectedGbk(character: string): Buffer {
  const codePoint = character.codePointAt(0)!;
  if (codePoint < 0x80) return ascii(character);
  const code = PYTHON_GBK_CODES.get(character);
  return code === undefined ? ascii(`&#${codePoint};`) : Buffer.from([code >> 8, code & 0xff]);
}

/** Characters XML 1.0 can carry (its Char production). */
function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 || codePoint === 0xa || codePoint === 0xd || (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) || codePoint >= 0x10000
  );
}

function roundTrip(value: string): { bytes: Buffer; back: string | undefined } {
  const bytes = writeXmlDocument('in', ['filed1'], { filed1: value });
  return { bytes, back: readXmlDocument(bytes, undefined, 'in', ['filed1']).filed1 };
}

describe('GbkXmlCodec', () => {
  describe('reading <in>', () => {
    it('reads the seed request written in GBK by an independent tool (iconv)', () => {
      expect(codec.decode(fixture('customer-check-request.gbk.xml'), undefined)).to.deep.equal(aCustomerCheckRequest({ filed1: '\u5907\u6ce8' }));
    });

    it('honours an XML declaration of GB2312', () => {
      const body = Buffer.concat([ascii('<?xml version="1.0" encoding="GB2312"?><in><filed1>'), hex('d5c5 c8fd'), ascii('</filed1></in>')]);
      expect(codec.decode(body, undefined).filed1).to.equal('张三');
    });

    it('honours an XML declaration of GB18030, four-byte characters included', () => {
      const body = Buffer.concat([ascii("<?xml version='1.0' encoding='gb18030'?><in><filed1>"), hex('d5c5 c8fd 9534 b235'), ascii('</filed1></in>')]);
      expect(codec.decode(body, undefined).filed1).to.equal('张三𠮷');
    });

    it('honours an XML declaration of UTF-8, and reads UTF-8 when nothing is declared', () => {
      expect(codec.decode(Buffer.from('<?xml version="1.0" encoding="UTF-8"?><in><filed1>张三</filed1></in>'), undefined).filed1).to.equal('张三');
      expect(codec.decode(Buffer.from('<in><filed1>张三</filed1></in>'), undefined).filed1).to.equal('张三');
    });

    it('lets the Content-Type charset outrank the declaration', () => {
      const body = Buffer.concat([ascii('<?xml version="1.0" encoding="UTF-8"?><in><filed1>'), hex('d5c5 c8fd'), ascii('</filed1></in>')]);
      expect(codec.decode(body, 'GBK').filed1).to.equal('张三');
      refusal(() => codec.decode(body, undefined));
    });

    it('reads numeric character references, astral ones included', () => {
      expect(codec.decode(ascii('<in><filed1>&#134071;&#x5F20;&amp;</filed1></in>'), undefined).filed1).to.equal('𠮷张&');
    });

    const invalidBytes: [string, Buffer][] = [
      ['a lead byte followed by ASCII', hex('81 20')],
      ['a lead byte at the end', hex('d5')],
      ['the stray byte 0xFF', hex('ff')],
      ['a GBK user-defined (private-use) code', hex('aa a1')],
      ['a GB18030 four-byte sequence under a GBK declaration', hex('9534 b235')],
    ];
    for (const [what, bytes] of invalidBytes) {
      it(`rejects invalid GBK (${what}) with EPARAM1 instead of making U+FFFD`, () => {
        const body = Buffer.concat([ascii('<?xml version="1.0" encoding="GBK"?><in><filed1>'), bytes, ascii('</filed1></in>')]);
        expect(refusal(() => codec.decode(body, undefined)).message).to.contain('GBK');
      });
    }

    it('refuses GB18030 four-byte sequences themselves under GBK, not just in a document', () => {
      // U+0080, U+3400, 𠮷 and the last four-byte code of the BMP.
      for (const sequence of ['8130 8130', '8139 ee39', '9534 b235', '8431 a439']) {
        expect(refusal(() => decodeStrict(hex(sequence), 'GBK')).message, sequence).to.contain('GBK');
      }
    });

    it("reads every two-byte code as Python's gbk codec does, and refuses the codes it refuses", () => {
      const wrong: string[] = [];
      for (let lead = 0x81; lead <= 0xfe; lead += 1) {
        for (let trail = 0x40; trail <= 0xfe; trail += 1) {
          let read: string | undefined;
          try {
            read = decodeStrict(Buffer.from([lead, trail]), 'GBK');
          } catch (error) {
            expect(error).to.be.instanceOf(BillingParameterInvalid);
          }
          const code = (lead << 8) | trail;
          if (read !== PYTHON_GBK.get(code)) wrong.push(`${code.toString(16)}: ${read} instead of ${PYTHON_GBK.get(code)}`);
        }
      }
      expect(wrong.slice(0, 10), `${wrong.length} codes`).to.deep.equal([]);
      expect(PYTHON_GBK.size).to.equal(21791);
    });

    it('rejects invalid UTF-8 with EPARAM1', () => {
      refusal(() => codec.decode(Buffer.concat([ascii('<in><filed1>'), hex('c3 28'), ascii('</filed1></in>')]), undefined));
    });

    it('rejects an encoding it does not support', () => {
      expect(refusal(() => codec.decode(ascii('<?xml version="1.0" encoding="Shift_JIS"?><in/>'), undefined)).message).to.contain('shift_jis');
    });

    it('rejects the billion laughs outright, as any DTD', () => {
      const lols = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
      const body = ascii(`<?xml version="1.0"?><!DOCTYPE in [<!ENTITY lol0 "lol">${lols}]><in><filed1>&lol9;</filed1></in>`);
      expect(refusal(() => codec.decode(body, undefined)).message).to.contain('DTD');
    });

    it('rejects an external entity (XXE) without reading the file', () => {
      const body = ascii('<?xml version="1.0"?><!DOCTYPE in [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><in><filed1>&xxe;</filed1></in>');
      expect(refusal(() => codec.decode(body, undefined)).message).to.contain('DTD');
      const lowercase = ascii('<!doctype in SYSTEM "http://127.0.0.1:1/x.dtd"><in/>');
      refusal(() => codec.decode(lowercase, undefined));
    });

    it('rejects an undeclared entity, HTML ones included, accepting only the five of XML', () => {
      for (const entity of ['&lol;', '&nbsp;', '&copy;', '&yen;', '&constructor;', '&__proto__;']) {
        // With and without a comment, so both the fast reader and xml2js meet it.
        for (const comment of ['', '<!-- c -->']) {
          refusal(() => codec.decode(ascii(`<in>${comment}<filed1>a${entity}</filed1></in>`), undefined));
        }
      }
      const predefined = '<in><!-- c --><filed1>&lt;&gt;&amp;&quot;&apos;</filed1></in>';
      expect(codec.decode(ascii(predefined), undefined).filed1).to.equal(`<>&"'`);
    });

    it('rejects truncated XML', () => {
      const whole = fixture('customer-check-request.gbk.xml');
      refusal(() => codec.decode(whole.subarray(0, whole.length - 10), undefined));
    });

    it('rejects text or a second root after the root element, still allowing whitespace, comments and PIs there', () => {
      const whole = fixture('customer-check-request.gbk.xml').toString('latin1').trimEnd();
      for (const after of ['junk', '<in><TranSeq>2</TranSeq></in>', '&amp;', '<filed1>x</filed1>']) {
        expect(refusal(() => codec.decode(ascii(`${whole}${after}`), undefined)).message, after).to.contain('XML 格式错误');
      }
      for (const after of ['\n  \n', '<!-- end -->\n', '<?audit x?>']) {
        expect(codec.decode(ascii(`${whole}${after}`), undefined).TranCode, after).to.equal('CustomerCheck');
      }
    });

    it('rejects another root element, an empty body and plain text', () => {
      refusal(() => codec.decode(ascii('<out><Version>1</Version></out>'), undefined));
      refusal(() => codec.decode(ascii(''), undefined));
      refusal(() => codec.decode(ascii('CustomerCheck'), undefined));
    });

    it('rejects a field given twice or holding elements, naming it', () => {
      expect(refusal(() => codec.decode(ascii('<in><TranSeq>1</TranSeq><TranSeq>2</TranSeq></in>'), undefined)).field).to.equal('TranSeq');
      expect(refusal(() => codec.decode(ascii('<in><billKey><a>1</a></billKey></in>'), undefined)).field).to.equal('billKey');
    });

    it('does not let __proto__ elements reach the fields', () => {
      const fields = codec.decode(ascii('<in><__proto__><polluted>1</polluted></__proto__><filed1>x</filed1></in>'), undefined);
      expect(fields).to.deep.equal({ filed1: 'x' });
      expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    });

    it('salvages the header fields of a truncated body for the error reply', () => {
      const whole = fixture('customer-check-request.gbk.xml');
      expect(codec.salvage(whole.subarray(0, 180))).to.deep.equal({ Version: '1.0.1', InstId: '00001', TranDate: '20240101' });
    });
  });

  describe('writing <out>', () => {
    it('writes GBK bytes under the GBK declaration', () => {
      const bytes = Buffer.from(codec.encode({ RespCode: 'AAAAAAA', customerName: '张三' }));
      expect(bytes.subarray(0, 38).toString('latin1')).to.equal('<?xml version="1.0" encoding="GBK"?>\n<');
      expect(bytes.includes(hex('3e d5c5 c8fd 3c'))).to.equal(true);
    });

    it('writes every reply field in the seed order, empty when absent', () => {
      const text = Buffer.from(codec.encode({ RespCode: 'ENOCUST' })).toString('latin1');
      const names = [...text.matchAll(/<([A-Za-z0-9]+)>/g)].map((match) => match[1]);
      expect(names[0]).to.equal('out');
      expect(names.slice(1)).to.deep.equal([
        'Version', 'InstId', 'TranCode', 'TranDate', 'TranSeq', 'RespCode', 'RespMessage', 'billKey', 'companyId',
        'contractNo', 'customerName', 'customerPhone', 'customerAddress', 'customerStatus', 'serviceStatus',
        'registerDate', 'lastPayDate', 'totalPayCount', 'totalPayAmount', 'filed1', 'filed2', 'filed3',
      ]);
      expect(text).to.contain('<billKey></billKey>');
    });

    it('writes characters GBK cannot hold as numeric references, never ?', () => {
      const text = Buffer.from(codec.encode({ customerName: '吉𠮷䶮' })).toString('latin1');
      expect(text).to.contain('<customerName>\xbc\xaa&#134071;&#19886;</customerName>');
      expect(text).not.to.contain('?<');
    });

    it('writes € as a reference, not as CP936\'s byte 0x80, which GBK does not have', () => {
      expect(encodeGbkXmlText('€1').toString('latin1')).to.equal('&#8364;1');
    });

    it("writes every character of the Basic Multilingual Plane as Python's gbk codec encodes it, or as a reference", () => {
      const wrong: string[] = [];
      for (let codePoint = 0x20; codePoint <= 0xfffd; codePoint += 1) {
        if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;
        const character = String.fromCharCode(codePoint);
        if (!encodeGbkXmlText(character).equals(expectedGbk(character))) wrong.push(character);
      }
      expect(wrong.join(''), `${wrong.length} characters`).to.equal('');
    });

    it('refuses characters XML 1.0 cannot carry at all, even as references', () => {
      for (const bad of ['\u0000', '\u0008', '\u001f', '\ufffe', '\uffff', '\ud842', '\udfb7', 'a\udfb7\ud842b']) {
        expect(() => encodeGbkXmlText(`<a>${bad}</a>`), JSON.stringify(bad)).to.throw(/XML 1.0 cannot carry/);
      }
      expect(encodeGbkXmlText('\t\n\r\u007f').toString('latin1')).to.equal('\t\n\r\u007f');
    });

    it('escapes markup characters in values', () => {
      const text = Buffer.from(codec.encode({ customerAddress: 'A&B <1>' })).toString('latin1');
      expect(text).to.contain('<customerAddress>A&amp;B &lt;1&gt;</customerAddress>');
    });
  });

  describe('properties', () => {
    const repertoire = [...PYTHON_GBK.values()];

    it('takes a GBK repertoire of the expected size to generate from', () => {
      expect(repertoire.length).to.be.greaterThan(21000);
    });

    it('round-trips any string GBK can encode, written as GBK bytes (no references)', () => {
      const gbkCharacter = fc.oneof(fc.constantFrom(...repertoire), fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 }).filter((c) => isXmlChar(c.codePointAt(0)!)));
      fc.assert(
        fc.property(fc.array(gbkCharacter, { maxLength: 40 }).map((characters) => characters.join('')), (value) => {
          const { bytes, back } = roundTrip(value);
          expect(back).to.equal(value);
          expect(bytes.includes(ascii('&#')) && !/\r/.test(value)).to.equal(false);
        }),
        { numRuns: 500 },
      );
    });

    it("writes Python's GBK bytes for what GBK holds, and a decimal reference for anything else", () => {
      const expected = (text: string) => Buffer.concat([...text].map(expectedGbk));
      const character = fc.oneof(
        fc.constantFrom(...repertoire),
        fc.constantFrom('€', '䶮', 'ǹ', '⺁', '\ue000', '\uf8ff', '\ue5e5', '𠮷', '😀', '\ufffd', '\u0080', '\u00a0'),
        fc.integer({ min: 0x20, max: 0xd7ff }).map((codePoint) => String.fromCodePoint(codePoint)),
        fc.integer({ min: 0xe000, max: 0xfffd }).map((codePoint) => String.fromCodePoint(codePoint)),
        fc.integer({ min: 0x10000, max: 0x10ffff }).map((codePoint) => String.fromCodePoint(codePoint)),
      );
      fc.assert(
        fc.property(fc.array(character, { maxLength: 60 }).map((characters) => characters.join('')), (text) => {
          expect(encodeGbkXmlText(text).equals(expected(text))).to.equal(true);
        }),
        { numRuns: 1000 },
      );
    });

    it('carries any Unicode string XML can hold, astral plane included, through references', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 30 }).filter((value) => [...value].every((c) => isXmlChar(c.codePointAt(0)!))), (value) => {
          const { bytes, back } = roundTrip(value);
          expect(back).to.equal(value);
          const afterDeclaration = bytes.subarray(bytes.indexOf(ascii('?>')) + 2);
          expect(afterDeclaration.includes(ascii('?')) && !value.includes('?')).to.equal(false);
        }),
        { numRuns: 500 },
      );
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 30 }).filter((value) => [...value].every((c) => isXmlChar(c.codePointAt(0)!))), (value) => {
          expect(roundTrip(value).back).to.equal(value);
        }),
        { numRuns: 500 },
      );
    });
  });
});
