import type { MidplatConfig } from './MidplatConfig.js';

/** What a reload swaps in (SPEC 2.2.2); every other setting is read once, at start. */
export const RELOADABLE_KEYS: readonly string[] = ['auth.consumers', 'moneyPlus.partners', 'billing.institutions'];

function leaves(value: unknown, key: string, into: Map<string, string>): Map<string, string> {
  if (RELOADABLE_KEYS.includes(key)) return into;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [name, child] of Object.entries(value)) leaves(child, key ? `${key}.${name}` : name, into);
  } else {
    into.set(key, JSON.stringify(value));
  }
  return into;
}

/**
 * The keys whose value differs between the configuration running and a new one, outside
 * what a reload swaps: they take effect only at the next start (port, database, pool sizes,
 * adapters, outbox…). Names only, never values: `database.password` is among them.
 */
export function keysNeedingRestart(running: MidplatConfig, next: MidplatConfig): string[] {
  const before = leaves(running, '', new Map());
  const after = leaves(next, '', new Map());
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((key) => before.get(key) !== after.get(key)).sort();
}
