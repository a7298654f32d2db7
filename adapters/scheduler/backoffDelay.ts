/** Share of the delay that jitter may add or take away (±20 %, SPEC 7). */
export const JITTER = 0.2;

/**
 * How long to wait after failed attempt `attempt` (1-based): `backoffMs[attempt-1]`, the last
 * entry repeating, spread by ±20 % so retries of a burst do not arrive together; the
 * receiver's Retry-After wins when it is longer.
 */
export function backoffDelay(attempt: number, backoffMs: readonly number[], random: () => number, retryAfterMs?: number): number {
  const base = backoffMs[Math.min(Math.max(attempt, 1), backoffMs.length) - 1] ?? 0;
  const jittered = Math.round(base * (1 - JITTER + 2 * JITTER * random()));
  return Math.max(jittered, retryAfterMs ?? 0);
}
