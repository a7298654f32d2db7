/**
 * All-or-nothing: everything the callback writes through repositories commits
 * together, or nothing does when it throws. Adapters retry the whole unit on deadlock,
 * so the callback must be safe to run again (do outbound calls with stable ids).
 */
export interface UnitOfWork {
  run<T>(work: () => Promise<T>): Promise<T>;
}
export const UnitOfWork = Symbol.for('UnitOfWork');
