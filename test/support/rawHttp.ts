import { connect, type Socket } from 'node:net';

export interface RawConversation {
  /** Everything the server sent so far, as latin1 text. */
  received(): string;
  /** Resolves true once the server closed its side, false if it had not after `withinMs`. */
  closedByServer(withinMs: number): Promise<boolean>;
  /** Resolves once `text` appears in what the server sent (the test's own timeout bounds the wait). */
  until(text: string): Promise<void>;
  write(bytes: string | Uint8Array): void;
  destroy(): void;
  readonly socket: Socket;
}

/**
 * A bare TCP conversation with a listening server: the test writes exactly the bytes it
 * wants (half a request, headers without their body) and watches what comes back and when
 * the server hangs up — which fetch and http.request hide.
 */
export async function rawConversation(port: number): Promise<RawConversation> {
  const socket = connect({ host: '127.0.0.1', port });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let text = '';
  let ended = false;
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const waiter of waiters) waiter();
  };
  socket.on('data', (chunk: Buffer) => {
    text += chunk.toString('latin1');
    notify();
  });
  const onEnd = () => {
    ended = true;
    notify();
  };
  socket.on('end', onEnd);
  socket.on('close', onEnd);
  socket.on('error', () => undefined); // a reset after the server hung up is an ending too
  const waitFor = (done: () => boolean, withinMs?: number) =>
    new Promise<boolean>((resolve) => {
      if (done()) return resolve(true);
      const timer = withinMs === undefined ? undefined : setTimeout(() => finish(false), withinMs);
      const check = () => {
        if (done()) finish(true);
      };
      const finish = (value: boolean) => {
        clearTimeout(timer);
        waiters.delete(check);
        resolve(value);
      };
      waiters.add(check);
    });
  return {
    socket,
    received: () => text,
    closedByServer: (withinMs) => waitFor(() => ended, withinMs),
    until: async (wanted) => {
      await waitFor(() => text.includes(wanted));
    },
    write: (bytes) => void socket.write(bytes),
    destroy: () => socket.destroy(),
  };
}

/**
 * A GET of exactly `target` (fetch and http.request normalise `/ops/../x` and `/ops/%2e%2e/x`
 * to `/x` before sending): the status and the whole answer, once the server has closed.
 */
export async function rawGet(port: number, target: string): Promise<{ status: number; text: string }> {
  const conversation = await rawConversation(port);
  try {
    conversation.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    if (!(await conversation.closedByServer(10000))) throw new Error(`GET ${target}: the server did not finish its answer within 10 s`);
    const text = conversation.received();
    return { status: Number(/^HTTP\/1\.1 (\d{3}) /.exec(text)?.[1]), text };
  } finally {
    conversation.destroy();
  }
}
