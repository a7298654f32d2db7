import type { MidplatConfig } from '../../config/MidplatConfig.js';

/** The `esb` section of the configuration, as the DA21 adapters need it. */
export type EsbSettings = MidplatConfig['esb'];
export const EsbSettings = Symbol.for('EsbSettings');
