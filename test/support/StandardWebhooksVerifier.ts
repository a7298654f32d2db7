import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A receiver's check, written from the Standard Webhooks specification
 * (github.com/standard-webhooks/standard-webhooks, spec/standard-webhooks.md), independent
 * of our signer: the key is the base64 after `whsec_`; the signed content is
 * `${webhook-id}.${webhook-timestamp}.${body}`; `webhook-signature` is a space-separated
 * list of `v1,<base64 HMAC-SHA256>`; the timestamp must be within the tolerance.
 */
export function verifyStandardWebhook(
  secret: string,
  headers: { 'webhook-id'?: string; 'webhook-timestamp'?: string; 'webhook-signature'?: string },
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): { valid: true } | { valid: false; reason: string } {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (!id || !timestamp || !signatures) return { valid: false, reason: 'missing header' };
  if (!/^\d+$/.test(timestamp)) return { valid: false, reason: 'timestamp is not unix seconds' };
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return { valid: false, reason: 'timestamp outside tolerance' };
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  for (const entry of signatures.split(' ')) {
    const [version, encoded] = entry.split(',', 2);
    if (version !== 'v1' || !encoded) continue;
    const presented = Buffer.from(encoded, 'base64');
    if (presented.length === expected.length && timingSafeEqual(presented, expected)) return { valid: true };
  }
  return { valid: false, reason: 'no matching v1 signature' };
}
