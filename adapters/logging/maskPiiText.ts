import { isSensitiveKey, maskPii, maskValue } from './maskPii.js';

/**
 * A key and its value as partners write them: `"key": "value"`, `'key': 'value'`, `\"key\":\"value\"`
 * (JSON inside a JSON string), `key: free text`, `key=value`, `"key": 123` and `"key": [..]`. A value
 * cut by the 1 KiB excerpt (no closing quote or bracket) still counts.
 * Groups: 1 key quote, 2 key, 3 separator, 4 value quote, 5 quoted value, 6 closing quote, 7 array, 8 bare value.
 */
const PAIR =
  /(\\?["']|)\b([A-Za-z_][\w.-]{0,63})\1(\s*[:=]\s*)(?:(\\?["'])((?:(?!\4)(?:\\.|[^\\]))*)(\4)?|\[([^\]]*)\]?|([^,;&\r\n<>"'{}[\]]+))/g;

/** `<phone>+60123456789</phone>`, also cut short at the end. Groups: 1 element, 2 attributes, 3 text. */
const ELEMENT = /<([A-Za-z_][\w.-]{0,63})(\s[^<>]*)?>([^<]*)/g;

/**
 * Identifiers found by their shape wherever they are. Kept as they are, matched first: a UUID (a
 * message id; its last group would pass for a long number), a date or time, an IPv4 address. Masked:
 * an e-mail; a Malaysian NRIC/IC with dashes (900101-14-5678); a passport or national ID (a letter or
 * two and 6–9 digits: A12345678, A123456789); a phone or an ID/account number: 8 digits or more,
 * optionally after `+`, split by spaces, dots, dashes or brackets (+60 12-345 6789, 900101145678).
 */
const IDENTIFIER = new RegExp(
  [
    String.raw`(?<keep>\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b|\b\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?|\b\d{1,3}(?:\.\d{1,3}){3}\b)`,
    // Starts only where a run of address characters starts: linear time on a long run without `@`.
    String.raw`(?<![\w.+-])[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+`,
    String.raw`\b\d{6}-\d{2}-\d{4}\b`,
    String.raw`\b[A-Z]{1,2}\d{6,9}\b`,
    String.raw`(?<![\w+])\+?\d(?:[ .()-]{0,2}\d){7,}(?!\w)`,
  ].join('|'),
  'g',
);

/** Words a bare value may be without holding personal data. */
const LITERALS = new Set(['null', 'true', 'false', '']);

/** JSON inside JSON is unwrapped at most this deep. */
const MAX_NESTING = 4;
/** Pairs inside a value (a JSON string holding JSON, a list of objects) are looked at this deep. */
const MAX_PAIR_NESTING = 8;

function maskIdentifiers(text: string): string {
  return text.replace(IDENTIFIER, (...match: unknown[]) => {
    const groups = match[match.length - 1] as { keep?: string };
    return groups.keep === undefined ? maskValue(match[0] as string) : (match[0] as string);
  });
}

/** Every string or number in a list cut short or whole: `"+60…", "+60…"` → each masked. */
function maskListItems(items: string): string {
  return items.replace(/(\\?["'])((?:(?!\1)(?:\\.|[^\\]))*)(\1)?|-?\d[\d.]*/g, (item: string, quote?: string, inner?: string, close?: string) =>
    quote === undefined ? maskValue(item) : `${quote}${maskValue(inner ?? '')}${close ?? ''}`,
  );
}

function maskPairs(text: string, depth: number): string {
  return text.replace(PAIR, (pair: string, ...groups: Array<string | undefined>) => {
    const [keyQuote = '', key = '', separator = '', valueQuote, quoted, close, list, bare] = groups;
    const head = `${keyQuote}${key}${keyQuote}${separator}`;
    if (!isSensitiveKey(key)) return depth < MAX_PAIR_NESTING ? head + maskPairs(pair.slice(head.length), depth + 1) : pair;
    if (valueQuote !== undefined) return `${head}${valueQuote}${maskValue(quoted ?? '')}${close ?? ''}`;
    if (list !== undefined) return `${head}[${maskListItems(list)}${pair.endsWith(']') ? ']' : ''}`;
    const value = (bare ?? '').trimEnd();
    if (LITERALS.has(value)) return pair;
    return `${head}${maskValue(value)}${(bare ?? '').slice(value.length)}`;
  });
}

function maskElement(element: string, name: string, attributes: string | undefined, text: string): string {
  if (!isSensitiveKey(name) || text.trim() === '') return element;
  return `<${name}${attributes ?? ''}>${maskValue(text)}`;
}

/** A parsed JSON document: sensitive keys as the logs mask them, and every other string read as free text. */
function maskJson(value: unknown, depth: number): unknown {
  const masked = maskPii(value);
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return maskPartnerText(node, depth + 1);
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, walk(item)]));
    return node;
  };
  return walk(masked);
}

function maskPartnerText(text: string, depth: number): string {
  const trimmed = text.trimStart();
  if (depth < MAX_NESTING && (trimmed.startsWith('{') || trimmed.startsWith('['))) {
    try {
      return JSON.stringify(maskJson(JSON.parse(text), depth));
    } catch {
      // Not whole JSON (cut at 1 KiB): the pairs below.
    }
  }
  return maskIdentifiers(maskPairs(text, 0).replace(ELEMENT, maskElement));
}

/**
 * Free text from a partner (a reply excerpt, an error, a free-text reason): whole JSON is masked by
 * key name as a log record is, its strings (a JSON document inside one included) as free text.
 * Anything else — JSON cut short, a form body, XML, prose — has the values of personal keys masked
 * (quoted or not, XML elements too), and then every phone, e-mail and ID number found by its shape.
 */
export function maskPiiText(text: string): string {
  return maskPartnerText(text, 0);
}
