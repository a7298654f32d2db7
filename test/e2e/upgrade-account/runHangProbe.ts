import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { HangFigures } from './upgradeHangProbe.js';

const PROBE = fileURLToPath(new URL('./upgradeHangProbe.js', import.meta.url));

/**
 * The ESB hang, measured in a process of its own (see upgradeHangProbe.ts): its figures, or
 * its failure. upgradeFailFast.e2e.test.ts bounds them by the mechanism; `npm run bench -- upgrade-hang`
 * reports them.
 */
export function runHangProbe(kind: 'sqlite' | 'mariadb', timeoutMs: number, members: number): Promise<HangFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', PROBE, kind, String(timeoutMs), String(members)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as HangFigures);
      else reject(new Error(`the hang probe exited with ${String(code)}: ${stderr.slice(-2000)}`));
    });
  });
}

/** The 99th percentile (nearest rank): below 100 samples, that is the slowest. */
export function p99(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)]!;
}
