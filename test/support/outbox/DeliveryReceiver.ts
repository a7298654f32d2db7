import type { IncomingMessage, ServerResponse } from 'node:http';
import { bodyOf, LoopbackHttpServer } from '../LoopbackHttpServer.js';

/** One HTTP delivery as the receiver saw it. */
export interface ReceivedDelivery {
  readonly id: string;
  readonly worker: string;
  readonly body: Record<string, unknown>;
  readonly startedAt: number;
  /** When the answer was written; undefined while the request is in flight. */
  endedAt?: number;
}

/**
 * A real HTTP receiver on 127.0.0.1 for outbox deliveries: records each one by message id
 * (`webhook-id` header) and sending worker (`x-worker`), with its start and end times, so a
 * test can check that no message was ever being delivered twice at the same moment.
 */
export class DeliveryReceiver {
  readonly deliveries: ReceivedDelivery[] = [];
  /** Milliseconds to hold each request before answering. */
  delayMs = 0;
  /** Deliveries from this worker are never answered (to catch it mid-batch). */
  holdWorker: string | undefined;
  /** Answer status; 200 means `{"retcode":0}`. */
  status = 200;
  private readonly http = new LoopbackHttpServer((request, response) => this.answer(request, response), { keepAliveTimeout: 60_000 });
  private readonly waiters: Array<() => void> = [];
  private readonly ids = new Set<string>();

  async start(): Promise<string> {
    return `http://127.0.0.1:${await this.http.start()}/deliveries`;
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  /** Distinct message ids received (live view). */
  distinctIds(): ReadonlySet<string> {
    return this.ids;
  }

  inFlight(): ReceivedDelivery[] {
    return this.deliveries.filter((delivery) => delivery.endedAt === undefined);
  }

  /** Ids that two deliveries carried at overlapping times. */
  overlappingIds(): string[] {
    const byId = new Map<string, ReceivedDelivery[]>();
    for (const delivery of this.deliveries) byId.set(delivery.id, [...(byId.get(delivery.id) ?? []), delivery]);
    const overlapping: string[] = [];
    for (const [id, list] of byId) {
      const sorted = [...list].sort((a, b) => a.startedAt - b.startedAt);
      for (let i = 1; i < sorted.length; i += 1) {
        const previousEnd = sorted[i - 1]!.endedAt ?? Number.POSITIVE_INFINITY;
        if (sorted[i]!.startedAt < previousEnd) overlapping.push(id);
      }
    }
    return overlapping;
  }

  /** Resolves once `predicate` holds (checked on every delivery), or rejects after `timeoutMs`. */
  async until(predicate: () => boolean, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`receiver: condition not met within ${timeoutMs} ms (${this.deliveries.length} deliveries)`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const startedAt = performance.timeOrigin + performance.now();
    const delivery: ReceivedDelivery = {
      id: String(request.headers['webhook-id'] ?? ''),
      worker: String(request.headers['x-worker'] ?? ''),
      body: JSON.parse((await bodyOf(request)).toString('utf8')) as Record<string, unknown>,
      startedAt,
    };
    this.deliveries.push(delivery);
    this.ids.add(delivery.id);
    response.on('close', () => this.ended(delivery));
    this.notify();
    if (delivery.worker === this.holdWorker) return;
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const body = this.status === 200 ? '{"retcode":0}' : '{"retcode":1}';
    response.writeHead(this.status, { 'content-type': 'application/json' }).end(body);
  }

  /** The delivery ends when its answer is sent or its sender went away (a killed worker). */
  private ended(delivery: ReceivedDelivery): void {
    delivery.endedAt ??= performance.timeOrigin + performance.now();
    this.notify();
  }

  private notify(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}
