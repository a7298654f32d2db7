/**
 * µs per call of `run`, best of `rounds` rounds of `calls` calls each, after one round that
 * warms the JIT up. The best round is the one least disturbed by the shared machine.
 */
export function bestRoundMicroseconds(run: () => unknown, calls: number, rounds: number): number {
  let best = Infinity;
  for (let round = 0; round <= rounds; round += 1) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < calls; i += 1) run();
    const perCall = Number(process.hrtime.bigint() - started) / calls / 1000;
    if (round > 0) best = Math.min(best, perCall);
  }
  return best;
}
