/** The explicit `outbox.claim` modes: the multi-process, kill -9 and per-key order tests run in each on MariaDB. */
export const EXPLICIT_CLAIM_MODES = ['skip-locked', 'lease-update'] as const;
