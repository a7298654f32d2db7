import type { DeliveryResult, OutboxDelivery, OutboxHandler } from '../../../core/shared/OutboxHandler.js';

type Answer = DeliveryResult | Promise<DeliveryResult>;

/**
 * An OutboxHandler that records every delivery and answers as the test scripts it: by
 * default ok; `answer` decides per delivery (fail, Retry-After, hang until released…).
 */
export class RecordingOutboxHandler implements OutboxHandler {
  readonly deliveries: OutboxDelivery[] = [];
  answer: (delivery: OutboxDelivery) => Answer = () => ({ ok: true });

  constructor(
    readonly topic = 'test.topic',
    readonly maxAttempts = 3,
  ) {}

  async deliver(delivery: OutboxDelivery): Promise<DeliveryResult> {
    this.deliveries.push(delivery);
    return this.answer(delivery);
  }

  /** The message ids delivered, in delivery order. */
  ids(): string[] {
    return this.deliveries.map((delivery) => delivery.id);
  }
}
