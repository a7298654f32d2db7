/**
 * Keys whose values are personal data or secrets (SPEC 2.3). Matching is by key name,
 * case-insensitive, at any depth.
 */
const SENSITIVE_KEYS = new Set(
  [
    'idno', 'pid', 'idNo', 'nationalId', 'phone', 'mobile', 'customerPhone', 'name', 'customerName', 'userName',
    'address', 'mailingAddress', 'mailing_address', 'customerAddress', 'email', 'dob', 'birthday',
    'acstkn', 'token', 'accessToken', 'authorization', 'apiKey', 'x-api-key', 'secret', 'key', 'password', 'psd',
    'abnormalPid',
  ].map((key) => key.toLowerCase()),
);

/** `A123456789` → `A12****789`: enough to correlate, not enough to identify. */
export function maskValue(value: string): string {
  if (value.length <= 4) return '****';
  if (value.length <= 7) return `${value.slice(0, 1)}****${value.slice(-1)}`;
  return `${value.slice(0, 3)}****${value.slice(-3)}`;
}

function maskAny(value: unknown): unknown {
  if (typeof value === 'string') return maskValue(value);
  if (typeof value === 'number') return maskValue(String(value));
  if (Array.isArray(value)) return value.map(maskAny);
  if (value !== null && typeof value === 'object') return '[masked]';
  return value;
}

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEYS.has(key.toLowerCase());
}

/** A copy of a log record with every sensitive value masked. */
export function maskPii(record: unknown, depth = 0): unknown {
  if (depth > 8 || record === null || typeof record !== 'object') return record;
  if (Array.isArray(record)) return record.map((item) => maskPii(item, depth + 1));
  if (record instanceof Error) return record;
  const masked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    masked[key] = isSensitiveKey(key) ? maskAny(value) : maskPii(value, depth + 1);
  }
  return masked;
}
