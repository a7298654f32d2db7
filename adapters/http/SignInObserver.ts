/** What became of a request whose token was refused, or that was not even looked at. */
export type SignInRefusal = 'unauthorized' | 'throttled';

/**
 * Told about every refused sign-in (a wrong Acstkn) and every request turned away because its
 * address failed too often, so operators can alert on token guessing. Must not throw or block.
 */
export interface SignInObserver {
  refused(outcome: SignInRefusal): void;
}
export const SignInObserver = Symbol.for('SignInObserver');
