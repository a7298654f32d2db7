/** What our middleware keeps on `ctx.state` for one request. */
export interface MidplatState {
  requestId: string;
  consumer?: string;
  /** The route template that matched (for logs and metrics), not the raw URL. */
  route?: string;
}
