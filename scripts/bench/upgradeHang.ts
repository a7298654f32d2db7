import { loadavg } from 'node:os';
import { p99, runHangProbe } from '../../test/e2e/upgrade-account/runHangProbe.js';
import type { Benchmark, BenchFigure } from './BenchResult.js';

const TIMEOUT_MS = 1500;
const CONCURRENT_MEMBERS = 40;

/**
 * While 40 upgrades wait on an ESB that never answers, how fast the other use cases still
 * answer one caller. upgradeFailFast.e2e.test.ts only bounds these by the mechanism (well
 * under esb.timeoutMs); the figures themselves belong here (issue 19).
 */
export const benchmark: Benchmark = {
  name: 'upgrade-hang',
  description: `${CONCURRENT_MEMBERS} upgrades held by a hanging ESB (timeoutMs ${TIMEOUT_MS}): latency of GetCreateInfo, KycChanged and CustomerCheck meanwhile`,
  async run() {
    const figures: BenchFigure[] = [];
    for (const kind of ['sqlite', 'mariadb'] as const) {
      const hang = await runHangProbe(kind, TIMEOUT_MS, CONCURRENT_MEMBERS);
      figures.push({ label: `${kind}: slowest upgrade (504), service clock`, value: Math.max(...hang.replies.map((reply) => reply.serviceMs)), unit: 'ms' });
      figures.push({ label: `${kind}: slowest upgrade (504), as the caller waited`, value: Math.max(...hang.replies.map((reply) => reply.ms)), unit: 'ms' });
      for (const [useCase, latencies] of Object.entries(hang.latencies)) {
        figures.push({ label: `${kind}: ${useCase} p99 (${latencies.length} samples)`, value: p99(latencies), unit: 'ms' });
      }
      figures.push({ label: `${kind}: longest GC pause`, value: hang.longestGcPauseMs, unit: 'ms' });
    }
    figures.push({ label: 'machine load average (1 min) at the end', value: loadavg()[0] ?? 0, unit: 'runnable' });
    return { name: 'upgrade-hang', figures, ratios: [] };
  },
};
