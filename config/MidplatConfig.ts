/** The validated configuration (SPEC 2.2). `configSchema` is its JSON Schema. */
export interface MidplatConfig {
  http: { port: number; bodyLimitBytes: number; shutdownGraceMs: number };
  database: { url: string; poolMax: number };
  log: { level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' };
  auth: { consumers: ConsumerConfig[] };
  esb: {
    adapter: 'http' | 'simulator';
    url: string;
    timeoutMs: number;
    channelId: string;
    consumerId: string;
    upgradeLevel: string;
  };
  moneyPlus: {
    adapter: 'http' | 'simulator';
    maxAttempts: number;
    timeoutMs: number;
    partners: MoneyPlusPartnerConfig[];
  };
  outbox: {
    schedule: string;
    batchSize: number;
    leaseMs: number;
    backoffMs: number[];
    /** Delivered messages (and their attempts) older than this are purged; FAILED and PENDING never. */
    retentionDays: number;
    /** node-cron expression of the purge job. */
    purgeSchedule: string;
    /** Rows per purge statement, so a purge never holds many locks at once. */
    purgeBatchSize: number;
  };
  billing: { institutions: InstitutionConfig[] };
  demo: { loadOnStart: boolean };
}

export type Scope = 'upgrade:write' | 'createinfo:read' | 'kyc:write' | 'moneyplus:read' | 'ops:read' | 'ops:write';
export const SCOPES: readonly Scope[] = ['upgrade:write', 'createinfo:read', 'kyc:write', 'moneyplus:read', 'ops:read', 'ops:write'];

export interface ConsumerConfig {
  name: string;
  /** Hex SHA-256 of the consumer's access token; the token itself is never stored. */
  tokenSha256: string;
  scopes: Scope[];
}

export interface MoneyPlusPartnerConfig {
  bizId: string;
  /** `whsec_` + base64 key, as Standard Webhooks defines it. */
  secret: string;
  callbackUrl: string;
  queryFields: string[];
}

export interface InstitutionConfig {
  instId: string;
  apiKey: string;
  encryptType: 'NONE' | 'SM4' | 'AES';
  /** Hex key for SM4 (16 bytes) or AES (16/24/32 bytes); empty for NONE. */
  key: string;
}
