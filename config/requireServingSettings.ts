import { InvalidConfig } from './loadConfig.js';
import type { MidplatConfig } from './MidplatConfig.js';

/**
 * What serving needs beyond a valid configuration; the scripts that only touch the
 * database (migrate, seed, outbox) do without it. There is no default ESB address, so
 * DA21 can never go to a demo or guessed endpoint.
 */
export function requireServingSettings(config: MidplatConfig): void {
  if (config.esb.adapter === 'http' && !config.esb.url) {
    throw new InvalidConfig('config key esb.url: required when esb.adapter is http (or set esb.adapter to simulator)');
  }
}
