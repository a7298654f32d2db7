import type { HttpServerSettings } from './HttpServerSettings.js';

/** The `http` section of the configuration: the listening socket and the request limits. */
export interface HttpSettings extends HttpServerSettings {
  /** `0` = any free port. */
  readonly port: number;
  /** Larger request bodies get 413 PAYLOAD_TOO_LARGE. */
  readonly bodyLimitBytes: number;
  /** How long in-flight requests may finish after SIGTERM. */
  readonly shutdownGraceMs: number;
  /** Wrong tokens one address may present before it is made to wait (SignInThrottle). */
  readonly signInFreeFailures: number;
}
