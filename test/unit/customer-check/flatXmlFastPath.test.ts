import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDecoder } from 'node:util';
import { expect } from 'chai';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { readFlatXml } from '../../../adapters/codec/customer-check/flatXmlFastPath.js';
import { readXmlDocument } from '../../../adapters/codec/customer-check/xmlDocument.js';
import { parseXml } from '../../../adapters/codec/customer-check/xml2jsParser.js';
import { projectRoot } from '../../../config/projectRoot.js';
import { REQUEST_FIELDS } from '../../../core/customer-check/messages.js';

/** What xml2js, the reference, makes of a text: its value, or that it refused it. */
function xml2jsReading(text: string): { readonly ok: true; readonly value: unknown } | { readonly ok: false } {
  try {
    return { ok: true, value: parseXml(text) };
  } catch {
    return { ok: false };
  }
}

const fast = (text: string) => readFlatXml(text, 'in', REQUEST_FIELDS);

/** The fast path's one promise: no answer, or xml2js's answer to the letter. */
function expectAgreement(text: string): 'answered' | 'fell back' {
  const answer = fast(text);
  if (answer === undefined) return 'fell back';
  const reference = xml2jsReading(text);
  expect(reference.ok, `xml2js refuses ${JSON.stringify(text)}, the fast path answered`).to.equal(true);
  if (reference.ok) expect(answer, JSON.stringify(text)).to.deep.equal(reference.value);
  // The expected names only spare hashing: without them, the same answer.
  expect(readFlatXml(text, 'in'), JSON.stringify(text)).to.deep.equal(answer);
  return 'answered';
}

const SPACE = [' ', '\n', '\r', '\t'];
/** Names Object.prototype has (and xml2js's text key): xml2js files them oddly. */
const AWKWARD_NAMES = ['_', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];
const isXmlChar = (code: number) =>
  code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);

// --- canonical documents: the fast path must answer, and answer as xml2js does ---

const space = fc.string({ unit: fc.constantFrom(...SPACE), maxLength: 4 });
const declaration = fc.constantFrom(
  '',
  '<?xml version="1.0" encoding="GBK"?>',
  "<?xml version='1.0' encoding='gb18030'?>",
  '<?xml version="1.0"?>',
  '<?xml\tversion="1.0"\r\n encoding="UTF-8" standalone="yes" ?>',
);
const plainName = fc.oneof(
  fc.constantFrom(...REQUEST_FIELDS, 'a', 'B', 'in', 'out', 'x.y', 'x-y', '_x', '__', 'field_2'),
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,8}$/).filter((name) => name !== '_' && !(name in Object.prototype)),
);
const reference = fc.oneof(
  fc.constantFrom('&lt;', '&gt;', '&amp;', '&quot;', '&apos;'),
  fc
    .tuple(fc.integer({ min: 1, max: 0x10ffff }).filter(isXmlChar), fc.constantFrom('decimal', 'hex', 'HEX'), fc.nat({ max: 3 }))
    .map(([code, base, zeros]) => {
      const digits = base === 'decimal' ? String(code) : base === 'hex' ? code.toString(16) : code.toString(16).toUpperCase();
      return `&#${base === 'decimal' ? '' : 'x'}${'0'.repeat(zeros)}${digits};`;
    }),
);
/** Text as a bank may send it: anything but '<' and a bare '&' (CR, controls, astral, ']]>' included). */
const text = fc
  .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 6 }).map((s) => s.replace(/[<&]/g, '')), reference, fc.constantFrom(']]>', '>', '\r\n', '\u3000', '"\'')), {
    maxLength: 5,
  })
  .map((pieces) => pieces.join(''));
const child = fc.tuple(plainName, text, fc.constantFrom('element', 'empty', 'self-closing')).map(([name, content, form]) =>
  form === 'self-closing' ? `<${name}/>` : form === 'empty' ? `<${name}></${name}>` : `<${name}>${content}</${name}>`,
);
const canonicalDocument = fc
  .tuple(declaration, space, fc.array(fc.tuple(space, child), { minLength: 1, maxLength: 12 }), space, space)
  .map(([head, before, children, inside, after]) => `${head}${before}<in>${children.map(([s, c]) => s + c).join('')}${inside}</in>${after}`);

// --- nasty documents: anything goes; the fast path answers only as xml2js does ---

function nasty<T>(usual: fc.Arbitrary<T>, odd: readonly T[]): fc.Arbitrary<T> {
  return fc.oneof({ arbitrary: usual, weight: 3 }, { arbitrary: fc.constantFrom(...odd), weight: 1 });
}
const oddSpace = nasty(space, ['\u00a0', '\u3000', '\ufeff', 'x', '&#32;', '<!-- c -->', '<?pi x?>', '<![CDATA[ ]]>', '\f']);
const oddDeclaration = nasty(declaration, [
  '<?xml?>', '<?xml a??>', '<?xml a??>?>', '<?xml a?b?>', ' <?xml version="1.0"?>', '<?xml-stylesheet href="x"?>', '<?XML version="1.0"?>',
  '<!-- c -->', '\ufeff', '\ufeff<?xml version="1.0"?>', '<?pi x?>', '<!DOCTYPE in>', '<?xml version="1.0"',
]);
const oddName = nasty(plainName, [...AWKWARD_NAMES, '名', 'n:m', 'x:in', '1a', '-a', '.a', 'a b', '']);
const oddText = nasty(text, [
  '&nbsp;', '&AMP;', '&Lt;', '&#X41;', '&#0;', '&#00;', '&#xD800;', '&#xDFFF;', '&#xFFFE;', '&#xFFFF;', '&#1114112;', '&#x110000;',
  '&#99999999999999999999;', '&#;', '&#x;', '&#-1;', '&#+1;', '&# 65;', '&amp', '&', '&lol;', '&#x0x41;', '&#1e2;', '&#65', '\u0000',
  '\ud800', '\udc00x', '<', '<b>1</b>', '<!-- c -->', '<![CDATA[x]]>', '<?pi?>', 'a\r\nb',
]);
const oddChild = fc.oneof(
  { arbitrary: fc.tuple(oddName, oddText, fc.constantFrom('element', 'empty', 'self-closing')).map(([n, t, form]) => (form === 'self-closing' ? `<${n}/>` : form === 'empty' ? `<${n}></${n}>` : `<${n}>${t}</${n}>`)), weight: 4 },
  {
    arbitrary: fc.tuple(plainName, text).chain(([n, t]) =>
      fc.constantFrom(
        `<${n} a="1">${t}</${n}>`, `<${n} >${t}</${n}>`, `<${n}>${t}</${n} >`, `< ${n}>${t}</${n}>`, `<${n}>${t}</ ${n}>`, `<${n}>${t}</${n}x>`,
        `<${n}><m>${t}</m></${n}>`, `<${n}>${t}<!-- c --></${n}>`, `<${n}><![CDATA[${t}]]></${n}>`, `<${n}/ >`, `<${n} />`, `<${n}>${t}`,
        `<${n}>${t}</${n}>x`, `<!-- ${n} -->`, `<?${n}?>`, `<${n}>${t}</${n.toUpperCase()}>`,
      ),
    ),
    weight: 1,
  },
);
const nastyDocument = fc
  .tuple(
    oddDeclaration, oddSpace,
    nasty(fc.constant('<in>'), ['<in >', '<in a="1">', '< in>', '<out>', '<In>', '<x:in>', '<in/>', '<in', '']),
    fc.array(fc.tuple(oddSpace, oddChild), { maxLength: 8 }),
    oddSpace,
    nasty(fc.constant('</in>'), ['</in >', '</ in>', '</out>', '</In>', '</in', '', '</in></in>']),
    nasty(space, ['junk', '<in><a>1</a></in>', '<!-- c -->', '<?pi?>', '\u0000', '<', '&amp;', '<a/>']),
    fc.option(fc.nat(), { freq: 4 }),
  )
  .map(([head, before, open, children, inside, close, after, cut]) => {
    const whole = `${head}${before}${open}${children.map(([s, c]) => s + c).join('')}${inside}${close}${after}`;
    return cut === null ? whole : whole.slice(0, cut % (whole.length + 1));
  });

/** Short strings over the characters markup is made of. */
const markupSoup = fc
  .tuple(fc.constantFrom('', '<in>', '<?xml version="1.0"?><in>', '<in><a>'), fc.string({ unit: fc.constantFrom(...'<>/?!-[]&#x;= "\'\nina1_:AD'.split('')), maxLength: 30 }))
  .map(([start, rest]) => start + rest);

describe('the flat XML fast path', () => {
  describe('answers as xml2js does', () => {
    it('for the seed request, as GBK bytes decoded', () => {
      const seed = new TextDecoder('gbk').decode(readFileSync(join(projectRoot, 'test', 'fixtures', 'customer-check', 'customer-check-request.gbk.xml')));
      expect(fast(seed)).to.not.equal(undefined);
      expect(expectAgreement(seed)).to.equal('answered');
    });

    it('for the benchmark request, an empty element and a self-closing one', () => {
      const body = iconv.encode(
        '<?xml version="1.0" encoding="GBK"?>\n<in>\n  <Version>1.0.1</Version>\n  <billKey>B001000</billKey>\n  <contractNo></contractNo>\n  <filed1>备注</filed1>\n  <filed2/>\n</in>\n',
        'gbk',
      );
      const answer = fast(new TextDecoder('gbk').decode(body));
      expect(answer).to.deep.equal({ in: { Version: '1.0.1', billKey: 'B001000', contractNo: '', filed1: '备注', filed2: '' } });
    });

    it('for references, CR and whitespace-only text, which it keeps as sax does', () => {
      const text = '<in><filed1>&#134071;&#x5F20;&#x5f20;&#0065;&amp;&lt;&gt;&quot;&apos;</filed1><filed2>a\r\nb</filed2><TranSeq> \t</TranSeq></in>';
      expect(fast(text)).to.deep.equal({ in: { filed1: '𠮷张张A&<>"\'', filed2: 'a\r\nb', TranSeq: ' \t' } });
      expect(expectAgreement(text)).to.equal('answered');
    });

    it('for a repeated child, as an array, so the field is still refused', () => {
      const text = '<in><TranSeq>1</TranSeq><TranSeq/><TranSeq>3</TranSeq><filed1>x</filed1></in>';
      expect(fast(text)).to.deep.equal({ in: { TranSeq: ['1', '', '3'], filed1: 'x' } });
      expect(expectAgreement(text)).to.equal('answered');
    });

    it('for a document past sax\'s 64 KiB buffers, which sax flushes in pieces', () => {
      const text =
        `<?xml version="1.0"${' '.repeat(70000)}?>${' '.repeat(70000)}<in><a>${'x&amp;'.repeat(30000)}</a>` +
        `${'\n'.repeat(70000)}<b/><a>${'y'.repeat(70000)}</a></in>${' '.repeat(70000)}`;
      expect(expectAgreement(text)).to.equal('answered');
    });
  });

  describe('leaves to xml2js', () => {
    const outside: [string, string][] = [
      ['a comment', '<in><!-- c --><filed1>x</filed1></in>'],
      ['a comment before the root', '<!-- c --><in><filed1>x</filed1></in>'],
      ['CDATA', '<in><filed1><![CDATA[x]]></filed1></in>'],
      ['a processing instruction', '<?pi x?><in><filed1>x</filed1></in>'],
      ['a declaration not at the very start', ' <?xml version="1.0"?><in><filed1>x</filed1></in>'],
      ['a declaration holding "?"', '<?xml version="1.0" a="?"?><in><filed1>x</filed1></in>'],
      ['a declaration sax does not end at "??>"', '<?xml a??><in><filed1>x</filed1></in>'],
      ['a byte-order mark', '\ufeff<in><filed1>x</filed1></in>'],
      ['a DTD', '<!DOCTYPE in><in><filed1>x</filed1></in>'],
      ['an attribute on the root', '<in a="1"><filed1>x</filed1></in>'],
      ['an attribute on a child', '<in><filed1 a="1">x</filed1></in>'],
      ['whitespace inside a tag', '<in><filed1 >x</filed1></in>'],
      ['whitespace inside a closing tag', '<in><filed1>x</filed1 ></in>'],
      ['whitespace after "<"', '< in><filed1>x</filed1></in>'],
      ['whitespace before "/>"', '<in><filed1 /></in>'],
      ['a namespace prefix', '<in><x:filed1>x</x:filed1></in>'],
      ['a non-ASCII name', '<in><名>x</名></in>'],
      ['a nested element', '<in><billKey><a>1</a></billKey></in>'],
      ['text beside the children', '<in>x<filed1>x</filed1></in>'],
      ['a reference beside the children', '<in>&#32;<filed1>x</filed1></in>'],
      ['a no-break space beside the children', '<in>\u00a0<filed1>x</filed1></in>'],
      ['an empty root', '<in></in>'],
      ['a self-closing root', '<in/>'],
      ['a whitespace-only root', '<in>\n</in>'],
      ['another root', '<out><filed1>x</filed1></out>'],
      ['an HTML entity sax happens to know', '<in><filed1>&nbsp;</filed1></in>'],
      ['an upper-case predefined entity', '<in><filed1>&AMP;</filed1></in>'],
      ['an undeclared entity', '<in><filed1>&lol;</filed1></in>'],
      ['"&#X", which sax reads as "&#x"', '<in><filed1>&#X41;</filed1></in>'],
      ['&#0;', '<in><filed1>&#0;</filed1></in>'],
      ['a surrogate reference', '<in><filed1>&#xD800;</filed1></in>'],
      ['U+FFFE', '<in><filed1>&#xFFFE;</filed1></in>'],
      ['a reference past U+10FFFF', '<in><filed1>&#1114112;</filed1></in>'],
      ['a reference too long to be exact', '<in><filed1>&#99999999999999999999999;</filed1></in>'],
      ['a reference without ";"', '<in><filed1>&amp</filed1></in>'],
      ['a bare "&"', '<in><filed1>a & b</filed1></in>'],
      ['a child named _ (xml2js\'s text key)', '<in><_>x</_></in>'],
      ['a child named __proto__', '<in><__proto__>x</__proto__></in>'],
      ['a child named constructor', '<in><constructor>x</constructor></in>'],
      ['a child named toString', '<in><toString>x</toString></in>'],
      ['a mismatched closing tag', '<in><filed1>x</filed2></in>'],
      ['text after the root', '<in><filed1>x</filed1></in>x'],
      ['a second root', '<in><filed1>x</filed1></in><in/>'],
      ['a truncated document', '<in><filed1>x</filed1>'],
      ['an empty text', ''],
    ];
    for (const [what, text] of outside) {
      it(what, () => {
        expect(fast(text)).to.equal(undefined);
      });
    }
  });

  describe('readXmlDocument', () => {
    const read = (text: string) => readXmlDocument(Buffer.from(text), 'utf-8', 'in', ['filed1', 'filed2']);

    it('still reads what only xml2js reads: comments, attributes, CDATA', () => {
      expect(read('<in><!-- c --><filed1 a="1"><![CDATA[<x>]]></filed1><filed2>&amp;</filed2></in>')).to.deep.equal({ filed1: '<x>', filed2: '&' });
    });

    it('still refuses through xml2js what neither path reads', () => {
      expect(() => read('<in><filed1>&#0;</filed1></in>')).to.throw('XML');
      expect(() => read('<in><filed1>x</filed1>')).to.throw('XML');
      expect(() => read('<in><filed1>&nbsp;</filed1></in>')).to.throw('XML');
    });
  });

  describe('properties', () => {
    it('answers every canonical flat document, as xml2js does', () => {
      fc.assert(
        fc.property(canonicalDocument, (document) => {
          expect(fast(document), JSON.stringify(document)).to.not.equal(undefined);
          expectAgreement(document);
        }),
        { numRuns: 1000 },
      );
    });

    it('answers any document either not at all or as xml2js does, and sometimes each', () => {
      const seen = new Set<string>();
      fc.assert(
        fc.property(nastyDocument, (document) => {
          seen.add(expectAgreement(document));
        }),
        { numRuns: 2000 },
      );
      expect([...seen].sort()).to.deep.equal(['answered', 'fell back']);
    });

    it('never throws and never disagrees on strings of markup characters', () => {
      fc.assert(
        fc.property(markupSoup, (document) => {
          expectAgreement(document);
        }),
        { numRuns: 2000 },
      );
    });

    it('answers a canonical document cut anywhere only when the cut leaves it whole', () => {
      fc.assert(
        fc.property(canonicalDocument, fc.nat(), (document, at) => {
          const cut = document.slice(0, at % (document.length + 1));
          if (expectAgreement(cut) === 'answered') expect(cut.trimEnd()).to.equal(document.trimEnd());
        }),
        { numRuns: 1000 },
      );
    });
  });
});
