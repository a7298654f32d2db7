import type { MidplatConfig } from './MidplatConfig.js';

/**
 * The production-safe base every configuration starts from: no consumer, partner or
 * institution, real (`http`) adapters with no address, no demo data. A section a
 * production config leaves out therefore grants nothing. The embedded demo adds
 * `config/demo/demoConfig.ts` on top (SPEC 2.2.1).
 */
export const defaultConfig: MidplatConfig = {
  http: { port: 3000, bodyLimitBytes: 1048576, shutdownGraceMs: 10000, headersTimeoutMs: 10000, maxConnections: 1024, signInFreeFailures: 10, workers: 1 },
  database: { url: 'sqlite:data/midplat.sqlite', poolMax: 10, replicas: [], maxReplicaLagMs: 2000 },
  log: { level: 'info' },
  auth: { consumers: [] },
  esb: {
    adapter: 'http',
    timeoutMs: 5000,
    channelId: 'BMD',
    consumerId: 'TWBMD',
    upgradeLevel: '1A',
    circuitBreaker: { failuresToOpen: 5, openMs: 10000, halfOpenProbes: 1 },
  },
  moneyPlus: {
    adapter: 'http',
    maxAttempts: 8,
    timeoutMs: 5000,
    partners: [],
  },
  outbox: {
    schedule: '*/1 * * * * *',
    batchSize: 100,
    leaseMs: 30000,
    backoffMs: [5000, 300000, 1800000, 7200000, 18000000, 36000000, 36000000],
    retentionDays: 30,
    purgeSchedule: '0 */10 * * * *',
    purgeBatchSize: 500,
    claim: 'auto',
  },
  billing: { institutions: [] },
  demo: { loadOnStart: false },
};
