import { XML_PREDEFINED_ENTITIES } from './xmlPredefinedEntities.js';

/**
 * A hand-written reader for the one shape CustomerCheck requests take, so that the usual
 * request skips xml2js and sax (about 30 µs of the 35 a decode took). It is an allow-list:
 * for a document it fully understands it returns exactly what `parseXml` (xml2js with our
 * options) would, and for anything else `undefined`, meaning "ask xml2js". It never decides
 * that a document is invalid; xml2js stays the only judge of that.
 *
 *   document := ('<?xml' S [^?]* '?>')? S* '<' root '>' (S* child)+ S* '</' root '>' S*
 *   child    := '<' name '/>' | '<' name '>' text '</' name '>'
 *   name     := [A-Za-z_] [A-Za-z0-9_.-]*   (not '_', nor a name Object.prototype has)
 *   text     := any character but '<', with '&' only in &lt; &gt; &amp; &quot; &apos;,
 *               &#digits; or &#xhexdigits; naming a character XML allows
 *   S        := space, tab, CR or LF: sax's whitespace (it keeps CR as it is, no folding)
 *
 * Everything else — comments, CDATA, other PIs, attributes, whitespace inside tags, prefixes,
 * nested elements, text beside the children, an empty root, other entities — goes to xml2js.
 */

/** What xml2js makes of an element with children: a text per name, an array when repeated. */
export type FlatXmlElement = Record<string, string | string[]>;

// Sticky regular expressions, matched from `lastIndex`: the engine scans natively, where a
// loop of charCodeAt in JS costs about 2 ns a character. Each match covers one tag or one
// child, so backtracking stays within it. The functions below are synchronous, so sharing
// these objects (and their lastIndex) between calls is safe.
const OPEN_ROOT = /(?:<\?xml[ \t\r\n][^?]*\?>)?[ \t\r\n]*<([A-Za-z_][A-Za-z0-9_.-]*)>/y;
const CHILD =
  /[ \t\r\n]*<([A-Za-z_][A-Za-z0-9_.-]*)(?:\/>|>([^<&]*(?:&(?:lt|gt|amp|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);[^<&]*)*)<\/\1>)/y;
const CLOSE_ROOT = /[ \t\r\n]*<\/([A-Za-z_][A-Za-z0-9_.-]*)>[ \t\r\n]*$/y;
// The declaration allows no '?' inside: sax ends a PI at the first '?>' whose '?' does not
// follow another '?' (`??>` does not end it), a rule not worth copying.

const REFERENCE = /&(?:(lt|gt|amp|quot|apos)|#([0-9]+)|#x([0-9A-Fa-f]+));/g;

/** XML 1.0's Char production, which sax holds a numeric reference to (else: an error). */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff)
  );
}

/**
 * `raw` with its references replaced as sax replaces them, or `undefined` when one names
 * no XML character (sax fails on those: `&#0;`, surrogates, U+FFFE, past U+10FFFF). Leading
 * zeros are fine (sax strips them); a digit string too long to be exact is past U+10FFFF.
 */
function expandReferences(raw: string): string | undefined {
  let valid = true;
  const expanded = raw.replace(REFERENCE, (_match, name: string | undefined, decimal: string | undefined, hex: string | undefined) => {
    if (name !== undefined) return XML_PREDEFINED_ENTITIES[name];
    const code = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16);
    if (isXmlChar(code)) return String.fromCodePoint(code);
    valid = false;
    return '';
  });
  return valid ? expanded : undefined;
}

/**
 * xml2js files a child with `key in parent`, which also sees its text key `_` and whatever
 * Object.prototype has (`__proto__`, `constructor`…): such names come out as odd arrays or
 * errors, so they are left to xml2js. Any other name is safe to assign on a plain object.
 */
function isPlainKey(name: string): boolean {
  return name !== '_' && !(name in Object.prototype);
}

/**
 * `name` as one of `expected` when it is one. Those strings are interned already; a key cut
 * fresh from the text must be hashed and interned on every store, which doubles the cost.
 */
function internedName(name: string, expected: readonly string[]): string {
  for (const candidate of expected) {
    if (candidate === name) return candidate;
  }
  return name;
}

function addChild(element: FlatXmlElement, name: string, value: string): void {
  const previous: string | string[] | undefined = element[name];
  if (previous === undefined) element[name] = value;
  else if (typeof previous === 'string') element[name] = [previous, value];
  else previous.push(value);
}

/**
 * `{ [root]: element }` exactly as `parseXml(text)` would give it, or `undefined` when
 * `text` is not a flat document of the grammar above whose root is `root`. `expected`, the
 * child names the caller looks for, only makes reading them cheaper; any name is read.
 */
export function readFlatXml(text: string, root: string, expected: readonly string[] = []): Record<string, FlatXmlElement> | undefined {
  OPEN_ROOT.lastIndex = 0;
  if (OPEN_ROOT.exec(text)?.[1] !== root) return undefined;
  let index = OPEN_ROOT.lastIndex;

  const element: FlatXmlElement = {};
  let children = 0;
  for (;;) {
    CHILD.lastIndex = index;
    const child = CHILD.exec(text);
    if (child === null) break;
    const name = internedName(child[1] as string, expected);
    if (!isPlainKey(name)) return undefined;
    const raw: string | undefined = child[2]; // undefined for <name/>
    const value = raw === undefined ? '' : raw.includes('&') ? expandReferences(raw) : raw;
    if (value === undefined) return undefined;
    addChild(element, name, value);
    index = CHILD.lastIndex;
    children += 1;
  }

  // xml2js gives an empty or whitespace-only root as that text, not an object: left to it.
  if (children === 0) return undefined;
  CLOSE_ROOT.lastIndex = index;
  if (CLOSE_ROOT.exec(text)?.[1] !== root) return undefined;
  // A computed key defines an own property, as xml2js's defineProperty does, whatever the name.
  return { [root]: element };
}
