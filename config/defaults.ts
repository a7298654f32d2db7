import type { MidplatConfig } from './MidplatConfig.js';

/**
 * The embedded demo set-up: SQLite, simulators, demo data, demo tokens
 * (`demo-ivr-token`, `demo-cs-token`, `demo-kyc-token`, `demo-moneyplus-token`,
 * `demo-ops-token`, `demo-ops-viewer-token`).
 * A production MIDPLAT_CONFIG replaces the consumers, partners and institutions.
 */
export const defaultConfig: MidplatConfig = {
  http: { port: 3000, bodyLimitBytes: 1048576, shutdownGraceMs: 10000 },
  database: { url: 'sqlite:data/midplat.sqlite', poolMax: 10 },
  log: { level: 'info' },
  auth: {
    consumers: [
      { name: 'ivr', tokenSha256: 'c3a950a07868a26eaa9960a812571fae22f7a8eb16635aad0350b4e0a3257017', scopes: ['upgrade:write'] },
      { name: 'customer-service', tokenSha256: 'dab52b7ba30e854696dc77f79d9f54d37c442c9557b896a1b0bedf8109fcaa9b', scopes: ['createinfo:read'] },
      { name: 'kyc-ops', tokenSha256: '9f7bbaeb8b58ba951f5cd1cd532ffbbac72e63ff76427b23fb0d8edf375066c8', scopes: ['kyc:write'] },
      { name: 'moneyplus', tokenSha256: '63f926201dc6a42d777ff69a65ab10a355be2db0414f3bcaa399b3bcd09f52aa', scopes: ['moneyplus:read', 'kyc:write'] },
      // demo-ops-token and demo-ops-viewer-token (the operations console, SPEC 8.1).
      { name: 'ops', tokenSha256: '4db91eab0281403a94ae3ed61e1e1baf7528d2dc264eb786f64c43d7697d3177', scopes: ['ops:read', 'ops:write'] },
      { name: 'ops-viewer', tokenSha256: 'c59521d4f818a918ea984536eac31a44f232b882fd2e8aa2a25d17240cbf1fa8', scopes: ['ops:read'] },
    ],
  },
  esb: {
    adapter: 'simulator',
    url: 'http://127.0.0.1:9100/esb',
    timeoutMs: 5000,
    channelId: 'BMD',
    consumerId: 'TWBMD',
    upgradeLevel: '1A',
  },
  moneyPlus: {
    adapter: 'simulator',
    maxAttempts: 8,
    timeoutMs: 5000,
    partners: [
      {
        bizId: 'MPLUS',
        secret: 'whsec_bWlkcGxhdC1kZW1vLXdlYmhvb2sta2V5LTAwMDAwMQ==',
        callbackUrl: 'http://127.0.0.1:9200/moneyplus/callback',
        queryFields: ['name', 'phone', 'nationality', 'mailing_address', 'nature_of_business', 'occupation'],
      },
    ],
  },
  outbox: {
    schedule: '*/1 * * * * *',
    batchSize: 100,
    leaseMs: 30000,
    backoffMs: [5000, 300000, 1800000, 7200000, 18000000, 36000000, 36000000],
    retentionDays: 30,
    purgeSchedule: '0 */10 * * * *',
    purgeBatchSize: 500,
  },
  billing: {
    institutions: [
      { instId: '00001', apiKey: 'demo-billing-api-key-00001', encryptType: 'NONE', key: '' },
      // A demo SM4 bank: its requests and replies travel as base64(IV ‖ SM4-CBC ciphertext).
      { instId: '00002', apiKey: 'demo-billing-api-key-00002', encryptType: 'SM4', key: '0123456789abcdeffedcba9876543210' },
    ],
  },
  demo: { loadOnStart: true },
};
