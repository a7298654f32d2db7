import { webhookKey } from '../adapters/money-plus/kyc-change-notifier/standardWebhooks.js';
import { DEMO_CONSUMERS, DEMO_INSTITUTIONS, DEMO_PARTNERS } from './demo/demoConfig.js';
import type { MidplatConfig } from './MidplatConfig.js';

const lower = (value: string) => value.toLowerCase();
/** A whsec secret compared by its key bytes, so another base64 spelling of the demo key is caught too. */
const keyBytes = (secret: string) => webhookKey(secret).toString('hex');

const DEMO_TOKEN_DIGESTS = new Set(DEMO_CONSUMERS.map((consumer) => lower(consumer.tokenSha256)));
const DEMO_API_KEYS = new Set(DEMO_INSTITUTIONS.map((institution) => institution.apiKey));
const DEMO_CIPHER_KEYS = new Set(DEMO_INSTITUTIONS.flatMap((institution) => (institution.key ? [lower(institution.key)] : [])));
const DEMO_WEBHOOK_KEYS = new Set(DEMO_PARTNERS.map((partner) => keyBytes(partner.secret)));

/**
 * The first demo credential a configuration holds, as `[key, what]`, or null. The demo's
 * tokens, API keys, webhook secrets and cipher keys are public (README, sources), so a
 * production configuration holding one is refused (SPEC 2.2.1).
 */
export function findDemoCredential(config: MidplatConfig): [key: string, what: string] | null {
  for (const [index, consumer] of config.auth.consumers.entries()) {
    if (DEMO_TOKEN_DIGESTS.has(lower(consumer.tokenSha256))) return [`auth.consumers.${index}.tokenSha256`, 'the digest of a demo token'];
  }
  for (const [index, institution] of config.billing.institutions.entries()) {
    if (DEMO_API_KEYS.has(institution.apiKey)) return [`billing.institutions.${index}.apiKey`, 'a demo API key'];
    if (institution.key && DEMO_CIPHER_KEYS.has(lower(institution.key))) return [`billing.institutions.${index}.key`, 'the demo cipher key'];
  }
  for (const [index, partner] of config.moneyPlus.partners.entries()) {
    if (DEMO_WEBHOOK_KEYS.has(keyBytes(partner.secret))) return [`moneyPlus.partners.${index}.secret`, 'the demo webhook secret'];
  }
  return null;
}
