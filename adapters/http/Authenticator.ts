import type { Consumer } from './AccessTokenAuthenticator.js';
import type { Scope } from './Scope.js';

/** Who may call the intranet APIs: what the JSON endpoints and the console's whoami ask. */
export interface Authenticator {
  /** The consumer allowed to use `scope`; throws HttpProblem 401 without a valid token, 403 without the scope. */
  authorize(token: string | undefined, scope: Scope): Consumer;
  /** Throws HttpProblem 403 unless the consumer may act for the partner. */
  authorizePartner(consumer: Consumer, bizId: string): void;
  /** The scopes of a configured consumer, sorted (empty for an unknown name). */
  scopesOf(name: string): Scope[];
}
export const Authenticator = Symbol.for('Authenticator');
