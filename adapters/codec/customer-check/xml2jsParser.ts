import { Parser } from 'xml2js';
import { BillingParameterInvalid } from '../../../core/customer-check/errors.js';
import { XML_PREDEFINED_ENTITIES } from './xmlPredefinedEntities.js';

const PARSER_OPTIONS = {
  explicitArray: false,
  explicitRoot: true,
  ignoreAttrs: true,
  trim: false,
  normalize: false,
  strict: true,
  async: false,
  emptyTag: '',
} as const;

// One parser, reset for every document: building an xml2js Parser costs about a third of a
// parse. Parsing is synchronous (`async: false`), so no two documents ever share it at once.
// `reset` drops the listeners too. xml2js reports the document at the root's end tag, so
// an error reported after it (text or a second root after `</in>`) still fails the parse.
const parser = new Parser(PARSER_OPTIONS);
type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

/**
 * xml2js does not pass sax its `strictEntities` option, so sax would expand the whole HTML
 * set (`&nbsp;`, `&copy;`…). Its table is swapped for XML's five after every reset; sax
 * then refuses any other name. (It still reads `&AMP;` as `&amp;`, the same character.)
 */
function onlyPredefinedEntities(): void {
  (parser as unknown as { saxParser: { ENTITIES: Record<string, string> } }).saxParser.ENTITIES = Object.create(XML_PREDEFINED_ENTITIES) as Record<string, string>;
}

/**
 * Any XML document as xml2js (sax, strict) reads it: `{ root: element }`, one child → text,
 * repeated children → arrays, empty elements → ''. Throws EPARAM1 when sax reports any
 * error, including content after the root. The reference flatXmlFastPath.ts must agree with.
 */
export function parseXml(text: string): unknown {
  const current: { outcome?: Outcome } = {};
  parser.reset();
  onlyPredefinedEntities();
  parser.on('end', (value: unknown) => {
    current.outcome ??= { ok: true, value };
  });
  parser.on('error', () => {
    current.outcome = { ok: false };
  });
  try {
    parser.parseString(text);
  } catch {
    current.outcome = { ok: false };
  } finally {
    parser.reset();
  }
  if (!current.outcome?.ok) throw new BillingParameterInvalid(null, 'XML 格式错误');
  return current.outcome.value;
}
