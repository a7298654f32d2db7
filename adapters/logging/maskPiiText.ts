import { isSensitiveKey, maskPii, maskValue } from './maskPii.js';

/** `"key": "value"`, `"key": 123` or `key=value`: the pairs a reply cut at 1 KiB may still hold. */
const PAIR = /("([^"\\]{1,64})"\s*:\s*)("(?:[^"\\]|\\.)*"?|-?\d+(?:\.\d+)?)|\b([A-Za-z][\w-]{0,63})=([^&\s,;"]+)/g;

/**
 * Free text from a partner (a reply excerpt, an error): JSON is masked by key name as a log
 * record is; anything else (a JSON cut short, a form body) has its `key: value` and `key=value`
 * pairs masked when the key names personal data.
 */
export function maskPiiText(text: string): string {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.stringify(maskPii(JSON.parse(text)));
    } catch {
      // Not whole JSON (cut at 1 KiB): the pairs below.
    }
  }
  return text.replace(PAIR, (pair: string, prefix?: string, jsonKey?: string, jsonValue?: string, formKey?: string, formValue?: string) => {
    if (jsonKey !== undefined && prefix !== undefined && jsonValue !== undefined) {
      if (!isSensitiveKey(jsonKey)) return pair;
      const quoted = jsonValue.startsWith('"');
      const inner = quoted ? jsonValue.slice(1, jsonValue.endsWith('"') && jsonValue.length > 1 ? -1 : undefined) : jsonValue;
      return `${prefix}"${maskValue(inner)}"`;
    }
    return formKey !== undefined && formValue !== undefined && isSensitiveKey(formKey) ? `${formKey}=${maskValue(formValue)}` : pair;
  });
}
