import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../config/projectRoot.js';

export interface ScriptResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The environment of a real Midplat process: production with MIDPLAT_CONFIG = `configFile`,
 * or the embedded demo (no MIDPLAT_CONFIG, no DATABASE_URL) when it is undefined.
 */
export function midplatEnv(configFile: string | undefined, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.MIDPLAT_CONFIG;
  delete env.DATABASE_URL;
  delete env.PORT;
  delete env.LOG_LEVEL;
  if (configFile) env.MIDPLAT_CONFIG = configFile;
  return { ...env, ...extra };
}

/** Runs `node dist/scripts/NAME.js ARGS…` (seed, migrate, outbox…) to its end. */
export function runMidplatScript(name: string, args: readonly string[], options: { env: NodeJS.ProcessEnv; cwd?: string }): Promise<ScriptResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(projectRoot, 'dist', 'scripts', `${name}.js`), ...args],
      { env: options.env, cwd: options.cwd ?? projectRoot, timeout: 60000 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}
