import type { ConsumerConfig } from '../../adapters/http/AuthSettings.js';
import type { MoneyPlusPartnerConfig } from '../../adapters/money-plus/kyc-change-notifier/MoneyPlusSettings.js';
import type { InstitutionConfig } from '../../plugins/customer-check-crypto/InstitutionConfig.js';

/**
 * Demo consumers; the tokens are in the README. Their SHA-256 digests are refused in
 * production (demoSecrets.ts reads them from here). Further demo consumers (e.g. the
 * operations console's `demo-ops-token`) belong in this list.
 */
export const DEMO_CONSUMERS: ConsumerConfig[] = [
  // demo-ivr-token
  { name: 'ivr', tokenSha256: 'c3a950a07868a26eaa9960a812571fae22f7a8eb16635aad0350b4e0a3257017', scopes: ['upgrade:write'] },
  // demo-cs-token
  { name: 'customer-service', tokenSha256: 'dab52b7ba30e854696dc77f79d9f54d37c442c9557b896a1b0bedf8109fcaa9b', scopes: ['createinfo:read'] },
  // demo-kyc-token
  { name: 'kyc-ops', tokenSha256: '9f7bbaeb8b58ba951f5cd1cd532ffbbac72e63ff76427b23fb0d8edf375066c8', scopes: ['kyc:write'] },
  // demo-moneyplus-token: acts for MPLUS only, and cannot post KYC changes.
  {
    name: 'moneyplus',
    tokenSha256: '63f926201dc6a42d777ff69a65ab10a355be2db0414f3bcaa399b3bcd09f52aa',
    scopes: ['moneyplus:read', 'moneyplus:subscribe'],
    bizIds: ['MPLUS'],
  },
  // demo-ops-token and demo-ops-viewer-token (the operations console, SPEC 8.1).
  { name: 'ops', tokenSha256: '4db91eab0281403a94ae3ed61e1e1baf7528d2dc264eb786f64c43d7697d3177', scopes: ['ops:read', 'ops:write'] },
  { name: 'ops-viewer', tokenSha256: 'c59521d4f818a918ea984536eac31a44f232b882fd2e8aa2a25d17240cbf1fa8', scopes: ['ops:read'] },
];

export const DEMO_PARTNERS: MoneyPlusPartnerConfig[] = [
  {
    bizId: 'MPLUS',
    secret: 'whsec_bWlkcGxhdC1kZW1vLXdlYmhvb2sta2V5LTAwMDAwMQ==',
    callbackUrl: 'http://127.0.0.1:9200/moneyplus/callback',
    queryFields: ['name', 'phone', 'nationality', 'mailing_address', 'nature_of_business', 'occupation'],
  },
];

export const DEMO_INSTITUTIONS: InstitutionConfig[] = [
  { instId: '00001', apiKey: 'demo-billing-api-key-00001', encryptType: 'NONE' },
  // A demo SM4 bank: its requests and replies travel as base64(IV ‖ SM4-CBC ciphertext).
  { instId: '00002', apiKey: 'demo-billing-api-key-00002', encryptType: 'SM4', key: '0123456789abcdeffedcba9876543210' },
];

/**
 * What the embedded demo (no MIDPLAT_CONFIG, no DATABASE_URL) lays over the production-safe
 * defaults: simulators, demo consumers, partner and institutions, and the demo data on start.
 */
export const demoConfig = {
  auth: { consumers: DEMO_CONSUMERS },
  esb: { adapter: 'simulator' },
  moneyPlus: { adapter: 'simulator', partners: DEMO_PARTNERS },
  billing: { institutions: DEMO_INSTITUTIONS },
  demo: { loadOnStart: true },
} as const;
