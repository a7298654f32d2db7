/** What `/readyz` waits for: resolves once what the service needs to serve (its database) answers. */
export type ReadinessCheck = () => Promise<void>;
export const ReadinessCheck = Symbol.for('ReadinessCheck');
