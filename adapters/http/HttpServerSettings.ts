/** The listening socket's limits (config `http.*`), owned by the adapter that applies them. */
export interface HttpServerSettings {
  /** A client that has not sent its full request headers by then is cut (slowloris). */
  readonly headersTimeoutMs: number;
  /** Connections beyond this are refused at accept, so one client cannot exhaust sockets. */
  readonly maxConnections: number;
}
