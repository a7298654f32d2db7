import { configSchema } from './configSchema.js';
import type { MidplatConfig } from './MidplatConfig.js';

interface SchemaNode {
  readonly 'x-reload'?: 'live' | 'restart';
  readonly properties?: Record<string, SchemaNode>;
}

/** The keys the schema marks `x-reload: live` (the outermost of each subtree). */
function liveKeys(node: SchemaNode, key: string): string[] {
  if (node['x-reload'] === 'live') return [key];
  return Object.entries(node.properties ?? {}).flatMap(([name, child]) => liveKeys(child, key ? `${key}.${name}` : name));
}

/** What a reload swaps in (SPEC 2.2.2), as the schema annotates it; every other setting is read once, at start. */
export const RELOADABLE_KEYS: readonly string[] = liveKeys(configSchema as unknown as SchemaNode, '');

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
