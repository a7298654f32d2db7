/** Who asked and under which request id; passed by driving adapters to use cases. */
export interface RequestContext {
  readonly requestId: string;
  readonly consumer: string;
}
