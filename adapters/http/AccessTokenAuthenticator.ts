import { hash, timingSafeEqual } from 'node:crypto';
import type { ConsumerConfig } from './AuthSettings.js';
import { HttpProblem } from './HttpProblem.js';
import type { Scope } from './Scope.js';

export interface Consumer {
  readonly name: string;
  readonly scopes: ReadonlySet<Scope>;
  /** The Money+ partners it may act for; empty for every consumer that is not a partner's. */
  readonly bizIds: ReadonlySet<string>;
}

interface StoredConsumer extends Consumer {
  readonly tokenDigest: Buffer;
}

/**
 * `Acstkn` tokens: only their SHA-256 is configured. A presented token is hashed and
 * compared with every stored digest in constant time, without stopping at a match.
 */
export class AccessTokenAuthenticator {
  private readonly consumers: StoredConsumer[];

  constructor(consumers: readonly ConsumerConfig[]) {
    this.consumers = consumers.map((consumer) => ({
      name: consumer.name,
      scopes: new Set(consumer.scopes),
      bizIds: new Set(consumer.bizIds ?? []),
      tokenDigest: Buffer.from(consumer.tokenSha256, 'hex'),
    }));
  }

  /** The scopes of a configured consumer, sorted (empty for an unknown name). */
  scopesOf(name: string): Scope[] {
    return [...(this.consumers.find((consumer) => consumer.name === name)?.scopes ?? [])].sort();
  }

  /** The consumer allowed to use `scope`; 401 without a known token, 403 without the scope. */
  authorize(token: string | undefined, scope: Scope): Consumer {
    if (!token) throw new HttpProblem(401, 'UNAUTHORIZED', 'The Acstkn header is missing');
    const digest = hash('sha256', token, 'buffer');
    let found: StoredConsumer | undefined;
    for (const consumer of this.consumers) {
      if (timingSafeEqual(digest, consumer.tokenDigest) && !found) found = consumer;
    }
    if (!found) throw new HttpProblem(401, 'UNAUTHORIZED', 'The access token is not valid');
    if (!found.scopes.has(scope)) throw new HttpProblem(403, 'FORBIDDEN', `The access token lacks the scope ${scope}`);
    return found;
  }

  /** 403 unless the consumer lists the partner the call names (SPEC 2.1); a consumer without bizIds may use none. */
  authorizePartner(consumer: Consumer, bizId: string): void {
    if (!consumer.bizIds.has(bizId)) throw new HttpProblem(403, 'FORBIDDEN', `The access token may not act for the bizId ${bizId}`);
  }
}
