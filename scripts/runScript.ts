import { loggedError } from '../adapters/logging/describeError.js';
import { DEMO_ONLY_SETTINGS } from '../config/demoOnlySettings.js';
import { configMode, InvalidConfig, loadConfig } from '../config/loadConfig.js';
import type { MidplatConfig } from '../config/MidplatConfig.js';

/** A configuration that cannot run stops the process with exit code 2 and the key named. */
function exitOnInvalidConfig(error: unknown): void {
  if (error instanceof InvalidConfig) {
    process.stderr.write(`midplat: invalid configuration: ${error.message}\n`);
    process.exit(2);
  }
}

/** The configuration of a script, read anew (a reload calls it again); throws InvalidConfig naming the key. */
export function scriptConfig(): MidplatConfig {
  return loadConfig(process.env, configMode(process.env) === 'demo' ? DEMO_ONLY_SETTINGS : {});
}

/** Loads the configuration for a script; a bad one stops the process with the key named. */
export function configOrExit(): MidplatConfig {
  try {
    return scriptConfig();
  } catch (error) {
    exitOnInvalidConfig(error);
    throw error;
  }
}

/** Runs a script's main, printing a failure as one line and exiting non-zero. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    exitOnInvalidConfig(error);
    const failure = error instanceof Error ? loggedError(error) : error;
    process.stderr.write(`midplat: ${(failure as Error).message ?? String(failure)}\n`);
    process.exit(1);
  });
}
