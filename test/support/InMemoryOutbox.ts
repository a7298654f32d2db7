import type { NewOutboxMessage, Outbox } from '../../core/shared/Outbox.js';
import type { Snapshotting } from './InMemoryUnitOfWork.js';

export interface StoredOutboxMessage extends NewOutboxMessage {
  readonly id: string;
}

/** The outbox as a use case sees it: messages kept in order, rolled back with the unit of work. */
export class InMemoryOutbox implements Outbox, Snapshotting {
  messages: StoredOutboxMessage[] = [];
  private nextId = 1;

  async enqueue(message: NewOutboxMessage): Promise<string> {
    const id = `msg-${this.nextId++}`;
    this.messages.push({ ...message, id });
    return id;
  }

  ofTopic(topic: string): StoredOutboxMessage[] {
    return this.messages.filter((message) => message.topic === topic);
  }

  snapshot(): unknown {
    return [...this.messages];
  }

  restore(state: unknown): void {
    this.messages = state as StoredOutboxMessage[];
  }
}
