import { describeError } from './describeError.js';

/**
 * Personal data and secrets (SPEC 2.3), matched on the key name with case, `_` and `-`
 * ignored (`customer_phone`, `webhook-signature`, `ID_NO` all match). A key is sensitive when
 * it is one of EXACT or contains one of PARTS.
 */
const EXACT = new Set([
  'idno', 'pid', 'abnormalpid', 'nationalid', 'name', 'customername', 'username', 'fullname', 'realname',
  'firstname', 'lastname', 'givenname', 'middlename', 'familyname', 'names',
  'dob', 'birthday', 'birthdate', 'dateofbirth', 'key', 'psd', 'accountid', 'acctid', 'accountno', 'acctno', 'arrngid', 'cardno',
  // Malaysian identity cards (NRIC / MyKad, old and new IC numbers) as partners name them.
  'ic', 'icno', 'icnum', 'icnumber', 'newic', 'newicno', 'oldic', 'oldicno', 'mykad', 'mykadno', 'identityno', 'identitynumber', 'msisdn',
]);
const PARTS = [
  'phone', 'mobile', 'idno', 'idnumber', 'nationalid', 'nric', 'passport', 'surname', 'address', 'mailing', 'email',
  'password', 'secret', 'token', 'apikey', 'acstkn', 'authorization', 'cookie', 'signature',
];

/** Key names seen so far and their verdict; logs use few distinct keys, so this stays small (capped anyway). */
const verdicts = new Map<string, boolean>();
const MAX_VERDICTS = 4096;

export function isSensitiveKey(key: string): boolean {
  let verdict = verdicts.get(key);
  if (verdict === undefined) {
    const normal = key.toLowerCase().replace(/[-_]/g, '');
    verdict = EXACT.has(normal) || PARTS.some((part) => normal.includes(part));
    if (verdicts.size < MAX_VERDICTS) verdicts.set(key, verdict);
  }
  return verdict;
}

/** `A123456789` → `A12****789`: enough to correlate, not enough to identify. */
export function maskValue(value: string): string {
  if (value.length <= 4) return '****';
  if (value.length <= 7) return `${value.slice(0, 1)}****${value.slice(-1)}`;
  return `${value.slice(0, 3)}****${value.slice(-3)}`;
}

function maskAny(value: unknown): unknown {
  if (typeof value === 'string') return maskValue(value);
  if (typeof value === 'number' || typeof value === 'bigint') return maskValue(String(value));
  if (Array.isArray(value)) return value.map((item: unknown) => (item !== null && typeof item === 'object' ? '[masked]' : maskAny(item)));
  if (value !== null && typeof value === 'object') return '[masked]';
  return value;
}

type Container = Record<string, unknown> | unknown[];

/** True when the record needs no copy: no nested object and no sensitive key (the common access-log line). */
function isFlatAndClean(record: object): boolean {
  for (const key in record) {
    const value = (record as Record<string, unknown>)[key];
    if ((value !== null && typeof value === 'object') || isSensitiveKey(key)) return false;
  }
  return true;
}

/**
 * A copy of a log record with every sensitive value masked, at any depth, and every Error
 * reduced to type, code and a cleaned message (describeError). Iterative, so depth costs no
 * stack; a flat record without sensitive keys is returned as is, uncopied.
 */
export function maskPii(record: unknown): unknown {
  if (record === null || typeof record !== 'object') return record;
  if (record instanceof Error) return describeError(record);
  if (!Array.isArray(record) && isFlatAndClean(record)) return record;

  const copies = new Map<object, unknown>();
  const pending: [Container, Container][] = [];
  const copyOf = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    const known = copies.get(value);
    if (known !== undefined) return known; // shared or circular: the copy already made
    let copy: unknown;
    if (value instanceof Error) copy = describeError(value);
    else if (value instanceof Date) copy = value;
    else if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) copy = `[${value.byteLength} bytes]`;
    else {
      const shell: Container = Array.isArray(value) ? [] : {};
      pending.push([value as Container, shell]);
      copy = shell;
    }
    copies.set(value, copy);
    return copy;
  };

  const root = copyOf(record);
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [source, target] = next;
    if (Array.isArray(source)) {
      for (const item of source) (target as unknown[]).push(copyOf(item));
      continue;
    }
    for (const key of Object.keys(source)) {
      const value = source[key];
      (target as Record<string, unknown>)[key] = isSensitiveKey(key) ? maskAny(value) : copyOf(value);
    }
  }
  return root;
}
