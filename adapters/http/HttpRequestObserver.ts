/** One finished request, as the outermost middleware measured it. */
export interface ObservedRequest {
  readonly method: string;
  /** The route template that matched (`(unmatched)` otherwise), never the raw URL. */
  readonly route: string;
  readonly status: number;
  readonly durationSeconds: number;
}

/** Sees every finished request (metrics); must not throw and must not block. */
export interface HttpRequestObserver {
  observe(request: ObservedRequest): void;
}
export const HttpRequestObserver = Symbol.for('HttpRequestObserver');
