import type { Consumer } from './AccessTokenAuthenticator.js';
import type { Authenticator } from './Authenticator.js';
import type { Scope } from './Scope.js';

/** The authenticator of the configuration in force (reload swaps it); each call asks which that is. */
export class CurrentAuthenticator implements Authenticator {
  constructor(private readonly current: () => Authenticator) {}

  authorize(token: string | undefined, scope: Scope): Consumer {
    return this.current().authorize(token, scope);
  }

  authorizePartner(consumer: Consumer, bizId: string): void {
    this.current().authorizePartner(consumer, bizId);
  }

  scopesOf(name: string): Scope[] {
    return this.current().scopesOf(name);
  }
}
