import { Database } from '../Database.js';
import { selectRows } from '../selectRows.js';

/** The values of `outbox.claim` (SPEC 9). */
export const OUTBOX_CLAIM_SETTINGS = ['auto', 'skip-locked', 'lease-update'] as const;
export type OutboxClaimSetting = (typeof OUTBOX_CLAIM_SETTINGS)[number];

/**
 * How claims take their leases on this database:
 * - `skip-locked`: `SELECT … FOR UPDATE SKIP LOCKED` and a lease, in one transaction (MySQL 8, MariaDB ≥ 10.6);
 * - `lease-update`: a conditional UPDATE that takes only free or expired leases, then a read
 *   of the rows won; needs no row-lock skipping (TiDB parses SKIP LOCKED and takes no lock);
 * - `single-writer`: SQLite, whose one writer queue already makes a claim exclusive; both
 *   explicit settings are accepted there and this claim is used.
 */
export type OutboxClaimMode = 'skip-locked' | 'lease-update' | 'single-writer';

/** The setting as the configuration gave it; anything else stops the start, naming the key. */
export function outboxClaimSetting(value: string): OutboxClaimSetting {
  const known = OUTBOX_CLAIM_SETTINGS.find((setting) => setting === value);
  if (known === undefined) throw new Error(`outbox.claim: unknown value "${value}" (known: ${OUTBOX_CLAIM_SETTINGS.join(', ')})`);
  return known;
}

/** The server's own name for itself: `8.0.11-TiDB-v7.5.1` on TiDB. */
export function isTidb(version: string): boolean {
  return /tidb/i.test(version);
}

/** The mode a setting comes to on this database; `auto` asks the server what it is. */
export async function chooseOutboxClaimMode(database: Database, setting: OutboxClaimSetting): Promise<{ mode: OutboxClaimMode; server?: string }> {
  if (database.dialect === 'sqlite') return { mode: 'single-writer' };
  if (setting !== 'auto') return { mode: setting };
  const [row] = await selectRows<{ version: string }>(database, 'SELECT VERSION() AS version', []);
  const server = String(row?.version ?? '');
  return { mode: isTidb(server) ? 'lease-update' : 'skip-locked', server };
}

/** DI token of the `outbox.claim` setting. */
export const OutboxClaimSettingToken = Symbol.for('OutboxClaimSetting');
