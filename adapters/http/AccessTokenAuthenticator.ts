import { hash, timingSafeEqual } from 'node:crypto';
import { tokensOf, type ConsumerConfig } from './AuthSettings.js';
import type { ExpiredTokenObserver } from './ExpiredTokenObserver.js';
import { HttpProblem } from './HttpProblem.js';
import type { Scope } from './Scope.js';

export interface Consumer {
  readonly name: string;
  readonly scopes: ReadonlySet<Scope>;
  /** The Money+ partners it may act for; empty for every consumer that is not a partner's. */
  readonly bizIds: ReadonlySet<string>;
}

interface StoredToken {
  readonly digest: Buffer;
  /** Epoch milliseconds; Infinity for a token that does not expire. */
  readonly notAfter: number;
  readonly consumer: Consumer;
}

/** What the authenticator needs besides the consumers: the time, and who hears of expired tokens. */
export interface AuthenticatorOptions {
  readonly now: () => Date;
  readonly expired: ExpiredTokenObserver;
}

const NO_EXPIRY: AuthenticatorOptions = { now: () => new Date(), expired: { expired: () => undefined } };

/**
 * `Acstkn` tokens: only their SHA-256 is configured, several per consumer during a rotation.
 * A presented token is hashed and compared with every stored digest in constant time,
 * without stopping at a match. A token past its `notAfter` is refused like an unknown one.
 */
export class AccessTokenAuthenticator {
  private readonly tokens: StoredToken[];
  private readonly consumers: Consumer[];

  constructor(
    consumers: readonly ConsumerConfig[],
    private readonly options: AuthenticatorOptions = NO_EXPIRY,
  ) {
    this.consumers = consumers.map((consumer) => ({ name: consumer.name, scopes: new Set(consumer.scopes), bizIds: new Set(consumer.bizIds ?? []) }));
    this.tokens = consumers.flatMap((config, index) =>
      tokensOf(config).map((token) => ({
        digest: Buffer.from(token.sha256, 'hex'),
        notAfter: token.notAfter === undefined ? Infinity : Date.parse(token.notAfter),
        consumer: this.consumers[index]!,
      })),
    );
  }

  /** The scopes of a configured consumer, sorted (empty for an unknown name). */
  scopesOf(name: string): Scope[] {
    return [...(this.consumers.find((consumer) => consumer.name === name)?.scopes ?? [])].sort();
  }

  /** The consumer allowed to use `scope`; 401 without a known, unexpired token, 403 without the scope. */
  authorize(token: string | undefined, scope: Scope): Consumer {
    if (!token) throw new HttpProblem(401, 'UNAUTHORIZED', 'The Acstkn header is missing');
    const digest = hash('sha256', token, 'buffer');
    let found: StoredToken | undefined;
    for (const stored of this.tokens) {
      if (timingSafeEqual(digest, stored.digest) && !found) found = stored;
    }
    if (!found) throw new HttpProblem(401, 'UNAUTHORIZED', 'The access token is not valid');
    if (this.options.now().getTime() > found.notAfter) {
      this.options.expired.expired(found.consumer.name);
      throw new HttpProblem(401, 'UNAUTHORIZED', 'The access token is not valid');
    }
    if (!found.consumer.scopes.has(scope)) throw new HttpProblem(403, 'FORBIDDEN', `The access token lacks the scope ${scope}`);
    return found.consumer;
  }

  /** 403 unless the consumer lists the partner the call names (SPEC 2.1); a consumer without bizIds may use none. */
  authorizePartner(consumer: Consumer, bizId: string): void {
    if (!consumer.bizIds.has(bizId)) throw new HttpProblem(403, 'FORBIDDEN', `The access token may not act for the bizId ${bizId}`);
  }
}
