/** Share of the delay that jitter may add or take away (±20 %, SPEC 7). */
export const JITTER = 0.2;

/**
 * How long to wait after failed attempt `attempt` (1-based): `backoffMs[attempt-1]`, the last
 * entry repeating, spread by ±20 % so retries of a burst do not arrive together; the
 * receiver's Retry-After wins when it is longer, but never beyond the largest `backoffMs`
 * entry: a partner's `Retry-After: 999999999` must not park a uid's messages for decades.
 */
export function backoffDelay(attempt: number, backoffMs: readonly number[], random: () => number, retryAfterMs?: number): number {
  const base = backoffMs[Math.min(Math.max(attempt, 1), backoffMs.length) - 1] ?? 0;
  const jittered = Math.round(base * (1 - JITTER + 2 * JITTER * random()));
  const ceiling = Math.max(...backoffMs, 0);
  return Math.max(jittered, Math.min(retryAfterMs ?? 0, ceiling));
}
