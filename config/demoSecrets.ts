import { tokensOf } from '../adapters/http/AuthSettings.js';
import { secretsOf } from '../adapters/money-plus/kyc-change-notifier/MoneyPlusSettings.js';
import { webhookKey } from '../adapters/money-plus/kyc-change-notifier/standardWebhooks.js';
import { apiKeyDigestsOf } from '../plugins/customer-check-crypto/InstitutionConfig.js';
import { DEMO_CONSUMERS, DEMO_INSTITUTIONS, DEMO_PARTNERS } from './demo/demoConfig.js';
import type { MidplatConfig } from './MidplatConfig.js';

const lower = (value: string) => value.toLowerCase();
/** A whsec secret compared by its key bytes, so another base64 spelling of the demo key is caught too. */
const keyBytes = (secret: string) => webhookKey(secret).toString('hex');

const DEMO_TOKEN_DIGESTS = new Set(DEMO_CONSUMERS.flatMap((consumer) => tokensOf(consumer).map((token) => lower(token.sha256))));
/** API keys compared by digest, so a demo key is caught whether given in clear or as `{"sha256"}`. */
const DEMO_API_KEY_DIGESTS = new Set(DEMO_INSTITUTIONS.flatMap((institution) => apiKeyDigestsOf(institution).map((digest) => digest.toString('hex'))));
const DEMO_CIPHER_KEYS = new Set(DEMO_INSTITUTIONS.flatMap((institution) => (institution.key ? [lower(institution.key)] : [])));
const DEMO_WEBHOOK_KEYS = new Set(DEMO_PARTNERS.flatMap((partner) => secretsOf(partner).map(keyBytes)));

/** `single` for the single-value form, `list.N` for an entry of the list form. */
const keyOf = (list: readonly unknown[] | undefined, single: string, listKey: string, position: number) => (list ? `${listKey}.${position}` : single);

/**
 * The first demo credential a configuration holds, as `[key, what]`, or null. The demo's
 * tokens, API keys, webhook secrets and cipher keys are public (README, sources), so a
 * production configuration holding one is refused (SPEC 2.2.1), in whichever form or
 * reference it arrived (references are resolved before this check).
 */
export function findDemoCredential(config: MidplatConfig): [key: string, what: string] | null {
  for (const [index, consumer] of config.auth.consumers.entries()) {
    for (const [position, token] of tokensOf(consumer).entries()) {
      const key = keyOf(consumer.tokens, 'tokenSha256', 'tokens', position) + (consumer.tokens ? '.sha256' : '');
      if (DEMO_TOKEN_DIGESTS.has(lower(token.sha256))) return [`auth.consumers.${index}.${key}`, 'the digest of a demo token'];
    }
  }
  for (const [index, institution] of config.billing.institutions.entries()) {
    for (const [position, digest] of apiKeyDigestsOf(institution).entries()) {
      const key = keyOf(institution.apiKeys, 'apiKey', 'apiKeys', position);
      if (DEMO_API_KEY_DIGESTS.has(digest.toString('hex'))) return [`billing.institutions.${index}.${key}`, 'a demo API key'];
    }
    if (institution.key && DEMO_CIPHER_KEYS.has(lower(institution.key))) return [`billing.institutions.${index}.key`, 'the demo cipher key'];
  }
  for (const [index, partner] of config.moneyPlus.partners.entries()) {
    for (const [position, secret] of secretsOf(partner).entries()) {
      const key = keyOf(partner.secrets, 'secret', 'secrets', position);
      if (DEMO_WEBHOOK_KEYS.has(keyBytes(secret))) return [`moneyPlus.partners.${index}.${key}`, 'the demo webhook secret'];
    }
  }
  return null;
}
