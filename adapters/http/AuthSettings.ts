import type { Scope } from './Scope.js';

/** One consumer of the intranet APIs (config `auth.consumers[]`). */
export interface ConsumerConfig {
  readonly name: string;
  /** Hex SHA-256 of the consumer's access token; the token itself is never stored. */
  readonly tokenSha256: string;
  readonly scopes: readonly Scope[];
  /** The Money+ partners this consumer may act for (SPEC 2.1); absent means none. */
  readonly bizIds?: readonly string[];
}

/** Who may call the intranet APIs (config `auth`), as AccessTokenAuthenticator needs it. */
export interface AuthSettings {
  readonly consumers: readonly ConsumerConfig[];
}
