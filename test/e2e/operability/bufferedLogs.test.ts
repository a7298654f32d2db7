import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

const BURST = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'support', 'logBurst.js');
const LINES = 3000;

interface Burst {
  readonly lines: string[];
  readonly exited: Promise<number | null>;
  /** Resolves once every writer has logged all its lines (they may still sit in its buffer). */
  readonly logged: Promise<void>;
  readonly stop: () => void;
}

/** `writers` processes logging at once into one stdout pipe (a shell's, as a process group's workers share one). */
function burst(writers: number): Burst {
  const command = Array.from({ length: writers }, () => `"${process.execPath}" "${BURST}" ${LINES} &`).join(' ') + ' wait';
  const child = spawn('sh', ['-c', command], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  let loggedCount = 0;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const logged = new Promise<void>((resolve) => {
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      loggedCount += chunk.split('logged\n').length - 1;
      if (loggedCount === writers) resolve();
    });
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    get lines() {
      return out.split('\n').filter((line) => line !== '');
    },
    exited,
    logged,
    stop: () => process.kill(-child.pid!, 'SIGTERM'),
  };
}

/** Midplat's logs go to stdout through a buffer: nothing may be lost at a SIGTERM exit, and no line may be cut. */
describe('buffered stdout logs (real processes)', function () {
  this.timeout(60000);

  it('writes every line held in the buffer when the process exits on SIGTERM', async () => {
    const run = burst(1);
    await run.logged;
    run.stop();
    await run.exited;
    const lines = run.lines.map((line) => JSON.parse(line) as { n: number; msg: string });
    expect(lines.map((line) => line.n)).to.deep.equal(Array.from({ length: LINES }, (_, n) => n));
  });

  it('never cuts into another process\'s line when several share one stdout pipe', async () => {
    const run = burst(3);
    await run.logged;
    run.stop();
    await run.exited;
    const lines = run.lines;
    const unreadable = lines.filter((line) => {
      try {
        JSON.parse(line);
        return false;
      } catch {
        return true;
      }
    });
    expect(unreadable.slice(0, 3)).to.deep.equal([]);
    expect(lines).to.have.length(3 * LINES);
  });
});
