import { DEMO_ONLY_SETTINGS, isEmbeddedDemo } from '../config/demoOnlySettings.js';
import { InvalidConfig, loadConfig } from '../config/loadConfig.js';
import type { MidplatConfig } from '../config/MidplatConfig.js';

/** Loads the configuration for a script; a bad one stops the process with the key named. */
export function configOrExit(): MidplatConfig {
  try {
    return loadConfig(process.env, isEmbeddedDemo(process.env) ? DEMO_ONLY_SETTINGS : {});
  } catch (error) {
    if (error instanceof InvalidConfig) {
      process.stderr.write(`midplat: invalid configuration: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

/** Runs a script's main, printing a failure as one line and exiting non-zero. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`midplat: ${(error as Error).message ?? String(error)}\n`);
    process.exit(1);
  });
}
