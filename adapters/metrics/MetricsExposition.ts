/**
 * What `GET /metrics` answers: this process's registry, or, in a worker of a `node:cluster`
 * group, the whole group's metrics aggregated by the primary.
 */
export interface MetricsExposition {
  readonly contentType: string;
  metrics(): Promise<string>;
}
export const MetricsExposition = Symbol.for('MetricsExposition');
