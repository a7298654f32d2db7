import type { Serializable } from 'node:child_process';
import type { Worker } from 'node:cluster';

/** One end of a `node:cluster` IPC link: `process` in a worker, a `cluster.Worker` in the primary. */
export interface IpcEndpoint {
  send(message: unknown, callback?: (error: Error | null) => void): boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
}

/** Every message of ours carries this key, so node's and prom-client's own messages pass by. */
const TAG = 'midplatIpc';

type Envelope =
  | { readonly [TAG]: 'request'; readonly id: number; readonly kind: string }
  | { readonly [TAG]: 'reply'; readonly id: number; readonly value?: unknown; readonly error?: string };

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  readonly timer: NodeJS.Timeout;
}

function isEnvelope(message: unknown): message is Envelope {
  return typeof message === 'object' && message !== null && TAG in message;
}

/**
 * Request and reply between the primary and one worker: each side answers the kinds it
 * `handle`s (the worker's config, the group's metrics…) and asks the other with `request`,
 * which fails after its timeout or when the link is `close`d (the worker died).
 */
export class IpcChannel {
  private nextId = 1;
  private closed = false;
  private readonly pending = new Map<number, Pending>();
  private readonly handlers = new Map<string, () => unknown>();

  constructor(private readonly endpoint: IpcEndpoint) {
    endpoint.on('message', (message) => {
      if (isEnvelope(message)) this.receive(message);
    });
  }

  /** In a worker: the link to the primary. */
  static toPrimary(): IpcChannel {
    const send = process.send?.bind(process);
    if (!send) throw new Error('not a cluster worker: no IPC link to a primary');
    return new IpcChannel({ send: (message, callback) => send(message as Serializable, undefined, undefined, callback), on: (event, listener) => process.on(event, listener) });
  }

  /** In the primary: the link to one worker. */
  static toWorker(worker: Worker): IpcChannel {
    return new IpcChannel({ send: (message, callback) => worker.send(message as Serializable, undefined, callback), on: (event, listener) => worker.on(event, listener) });
  }

  handle(kind: string, handler: () => unknown): void {
    this.handlers.set(kind, handler);
  }

  request<T>(kind: string, timeoutMs: number): Promise<T> {
    if (this.closed) return Promise.reject(new Error(`ipc ${kind}: the link is closed`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => this.settle(id, new Error(`ipc ${kind}: no answer within ${timeoutMs} ms`)), timeoutMs);
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      this.send({ [TAG]: 'request', id, kind }, (error) => this.settle(id, error));
    });
  }

  /** The other end is gone: what waits for it fails now. */
  close(): void {
    this.closed = true;
    for (const id of [...this.pending.keys()]) this.settle(id, new Error('ipc: the link closed'));
  }

  private receive(message: Envelope): void {
    if (message[TAG] === 'reply') {
      this.settle(message.id, message.error === undefined ? undefined : new Error(message.error), message.value);
      return;
    }
    const handler = this.handlers.get(message.kind);
    const answer = async () => {
      if (!handler) throw new Error(`nothing answers ${message.kind}`);
      return handler();
    };
    answer().then(
      (value) => this.send({ [TAG]: 'reply', id: message.id, value }),
      (error: unknown) => this.send({ [TAG]: 'reply', id: message.id, error: error instanceof Error ? error.message : String(error) }),
    );
  }

  private send(message: Envelope, onError: (error: Error) => void = () => undefined): void {
    try {
      // A link that closed under us fails through the callback (or at once); the asker's timeout covers the rest.
      this.endpoint.send(message, (error) => {
        if (error) onError(error);
      });
    } catch (error) {
      onError(error as Error);
    }
  }

  private settle(id: number, error: Error | undefined, value?: unknown): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    if (error) pending.reject(error);
    else pending.resolve(value);
  }
}
