import type { Registry } from 'prom-client';

/**
 * The process's prom-client registry. Adapters register their own metrics on it
 * (HTTP, outbox, ESB); `/metrics` serves it.
 */
export type MetricsRegistry = Registry;
export const MetricsRegistry = Symbol.for('MetricsRegistry');
