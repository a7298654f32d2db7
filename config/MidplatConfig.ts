/** The validated configuration (SPEC 2.2). `configSchema` is its JSON Schema. */
export interface MidplatConfig {
  http: { port: number; bodyLimitBytes: number; shutdownGraceMs: number; headersTimeoutMs: number; maxConnections: number };
  database: { url: string; poolMax: number };
  log: { level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' };
  auth: { consumers: ConsumerConfig[] };
  esb: {
    adapter: 'http' | 'simulator';
    /** Required when `adapter` is `http` (checked at start); there is no default address. */
    url?: string;
    timeoutMs: number;
    channelId: string;
    consumerId: string;
    upgradeLevel: string;
    /** DA21 circuit breaker: consecutive failures that open it, ms it stays open, probes let through half-open. */
    circuitBreaker: { failuresToOpen: number; openMs: number; halfOpenProbes: number };
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
  /** `loadOnStart` only in the embedded demo; a production config that asks for it is refused. */
  demo: { loadOnStart: boolean };
}

export const SCOPES = ['upgrade:write', 'createinfo:read', 'kyc:write', 'moneyplus:read', 'moneyplus:subscribe', 'ops:read', 'ops:write'] as const;
export type Scope = (typeof SCOPES)[number];

export interface ConsumerConfig {
  name: string;
  /** Hex SHA-256 of the consumer's access token; the token itself is never stored. */
  tokenSha256: string;
  scopes: Scope[];
  /** The Money+ partners this consumer may act for (SPEC 2.1); absent means none. */
  bizIds?: string[];
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
  /** Hex key for SM4 (16 bytes) or AES (16/24/32 bytes); absent or empty for NONE. */
  key?: string;
}
