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
    /** DA21 circuit breaker: consecutive failures that open it, ms it stays open, probes let through half-open. */
    circuitBreaker: { failuresToOpen: number; openMs: number; halfOpenProbes: number };
  };
  moneyPlus: {
    adapter: 'http' | 'simulator';
    maxAttempts: number;
    timeoutMs: number;
    partners: MoneyPlusPartnerConfig[];
  };
  outbox: { schedule: string; batchSize: number; leaseMs: number; backoffMs: number[] };
  billing: { institutions: InstitutionConfig[] };
  demo: { loadOnStart: boolean };
}

export type Scope = 'upgrade:write' | 'createinfo:read' | 'kyc:write' | 'moneyplus:read';
export const SCOPES: readonly Scope[] = ['upgrade:write', 'createinfo:read', 'kyc:write', 'moneyplus:read'];

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
