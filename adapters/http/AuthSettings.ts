import type { Scope } from './Scope.js';

/** One of a consumer's access tokens, by its SHA-256; past `notAfter` it is refused like an unknown one. */
export interface AccessTokenConfig {
  readonly sha256: string;
  /** ISO 8601 instant; absent: the token does not expire. */
  readonly notAfter?: string;
}

/** One consumer of the intranet APIs (config `auth.consumers[]`). */
export interface ConsumerConfig {
  readonly name: string;
  /** Hex SHA-256 of the consumer's access token; the token itself is never stored. The single-token form of `tokens`. */
  readonly tokenSha256?: string;
  /** Several tokens at once, so a consumer can switch to a new one at its own pace (SPEC 2.1). */
  readonly tokens?: readonly AccessTokenConfig[];
  readonly scopes: readonly Scope[];
  /** The Money+ partners this consumer may act for (SPEC 2.1); absent means none. */
  readonly bizIds?: readonly string[];
}

/** Every token of a consumer, whichever form the configuration used. */
export function tokensOf(consumer: ConsumerConfig): readonly AccessTokenConfig[] {
  return consumer.tokens ?? (consumer.tokenSha256 === undefined ? [] : [{ sha256: consumer.tokenSha256 }]);
}

/** Who may call the intranet APIs (config `auth`), as AccessTokenAuthenticator needs it. */
export interface AuthSettings {
  readonly consumers: readonly ConsumerConfig[];
}
