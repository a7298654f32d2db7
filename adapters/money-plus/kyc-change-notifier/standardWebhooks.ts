import { createHmac } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';

/** The signing key of a `whsec_<base64>` secret: the base64 part, decoded. */
export function webhookKey(secret: string): Buffer {
  if (!secret.startsWith(SECRET_PREFIX)) throw new Error('a Standard Webhooks secret starts with whsec_');
  return Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
}

/** `v1,` + base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}")), per the Standard Webhooks spec. */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', webhookKey(secret)).update(`${id}.${timestampSeconds}.${body}`, 'utf8').digest('base64');
  return `v1,${mac}`;
}

/**
 * The `webhook-signature` header for several secrets (a rotation): one `v1,` signature per
 * secret, space-separated, so a receiver holding any one of them verifies (Standard Webhooks).
 */
export function signWebhookWithEach(secrets: readonly string[], id: string, timestampSeconds: number, body: string): string {
  return secrets.map((secret) => signWebhook(secret, id, timestampSeconds, body)).join(' ');
}
