import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const entry = join(dirname(fileURLToPath(import.meta.url)), 'outboxWorkerProcess.js');

export interface WorkerProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Graceful stop (SIGTERM) and wait for the exit. */
  stop(): Promise<void>;
  /** kill -9. */
  kill(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts an outbox worker in a child process and resolves once it reports ready. */
export async function spawnOutboxWorker(name: string, env: Record<string, string>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, ...env, OUTBOX_WORKER: name },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      if (output.includes('ready\n')) resolve();
      // The worker's own log lines (errors only, unless OUTBOX_LOG_LEVEL says more).
      for (const line of text.split('\n')) if (line.startsWith('{')) process.stderr.write(`[${name}] ${line}\n`);
    });
    child.once('exit', (code) => reject(new Error(`worker ${name} exited with ${code} before it was ready: ${output}`)));
  });
  return {
    name,
    child,
    stop: async () => {
      child.kill('SIGTERM');
      await exited(child);
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
  };
}
