import type { MidplatConfig } from '../../config/MidplatConfig.js';

/** The `outbox` section of the configuration, as the worker needs it. */
export type OutboxSettings = MidplatConfig['outbox'];
export const OutboxSettings = Symbol.for('OutboxSettings');
