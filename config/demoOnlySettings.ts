import type { ConfigJson } from './loadConfig.js';

/**
 * DEMO ONLY. Settings the embedded demo (`npm start` with no MIDPLAT_CONFIG and no DATABASE_URL,
 * SPEC 2.2.1) lays over the defaults, so the operations console has something to show within
 * seconds: the demo's MPFAIL callback is refused on its 3 attempts 1 s and 2 s apart and ends
 * FAILED. Never applied to a production configuration.
 */
export const DEMO_ONLY_SETTINGS: ConfigJson = {
  moneyPlus: { maxAttempts: 3 },
  // The last entry is never a failure's wait with 3 attempts: it caps a receiver's Retry-After.
  outbox: { backoffMs: [1000, 2000, 600000] },
};
