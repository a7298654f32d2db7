import type {
  AttemptMinute,
  OutboxAttemptView,
  OutboxConsoleStore,
  OutboxMessageFilter,
  OutboxMessageView,
  OutboxMessageWithPayload,
  OutboxStatusCount,
} from '../../core/ops-console/ports.js';

function matches(message: OutboxMessageView, filter: OutboxMessageFilter): boolean {
  return (
    (!filter.status || message.status === filter.status) &&
    (!filter.topic || message.topic === filter.topic) &&
    (!filter.partitionKey || message.partitionKey === filter.partitionKey) &&
    (!filter.id || message.id === filter.id) &&
    (!filter.createdFrom || message.createdAt >= filter.createdFrom) &&
    (!filter.createdTo || message.createdAt < filter.createdTo)
  );
}

/** The console's view of the outbox, in memory; `beforeMakeDue` lets a test change a message mid-retry. */
export class InMemoryOutboxConsoleStore implements OutboxConsoleStore {
  messages: OutboxMessageWithPayload[] = [];
  attempts = new Map<string, OutboxAttemptView[]>();
  minutes: AttemptMinute[] = [];
  beforeMakeDue: (id: string) => void = () => undefined;

  add(message: Partial<OutboxMessageWithPayload> & { id: string }): this {
    const at = new Date('2026-12-05T10:00:00Z');
    this.messages.push({ topic: 't', partitionKey: 'u1', status: 'PENDING', attempts: 0, nextAttemptAt: at, lastError: null, createdAt: at, updatedAt: at, payload: {}, ...message });
    return this;
  }

  /** A unit of work's saved state (the messages; the rest is read-only here). */
  snapshot(): unknown {
    return this.messages;
  }

  restore(state: unknown): void {
    this.messages = state as OutboxMessageWithPayload[];
  }

  get(id: string): OutboxMessageWithPayload {
    return this.messages.find((message) => message.id === id)!;
  }

  private update(id: string, changes: Partial<OutboxMessageWithPayload>): void {
    this.messages = this.messages.map((message) => (message.id === id ? { ...message, ...changes } : message));
  }

  async countsByStatusAndTopic(): Promise<OutboxStatusCount[]> {
    const counts = new Map<string, OutboxStatusCount>();
    for (const { status, topic } of this.messages) {
      const key = `${status} ${topic}`;
      counts.set(key, { status, topic, count: (counts.get(key)?.count ?? 0) + 1 });
    }
    return [...counts.values()];
  }

  async oldestPendingCreatedAt(): Promise<Date | null> {
    const pending = this.messages.filter((message) => message.status === 'PENDING').map((message) => message.createdAt.getTime());
    return pending.length === 0 ? null : new Date(Math.min(...pending));
  }

  async attemptsPerMinute(since: Date): Promise<AttemptMinute[]> {
    return this.minutes.filter((minute) => minute.minute >= since);
  }

  async search(filter: OutboxMessageFilter, page: { limit: number; beforeId?: string }): Promise<OutboxMessageView[]> {
    const newerFirst = (a: OutboxMessageView, b: OutboxMessageView) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
    const cursor = page.beforeId === undefined ? undefined : this.get(page.beforeId);
    return this.messages
      .filter((message) => matches(message, filter) && (cursor === undefined || newerFirst(cursor, message) < 0))
      .sort(newerFirst)
      .slice(0, page.limit);
  }

  async find(id: string): Promise<OutboxMessageWithPayload | null> {
    return this.messages.find((message) => message.id === id) ?? null;
  }

  async attemptsOf(id: string): Promise<OutboxAttemptView[]> {
    return this.attempts.get(id) ?? [];
  }

  async makeDue(id: string, now: Date): Promise<number> {
    this.beforeMakeDue(id);
    const message = this.get(id);
    if (message.status === 'FAILED') this.update(id, { status: 'PENDING', attempts: 0, nextAttemptAt: now });
    else if (message.status === 'PENDING' && message.nextAttemptAt > now) this.update(id, { nextAttemptAt: now });
    else return 0;
    return 1;
  }

  async countFailed(filter: OutboxMessageFilter): Promise<number> {
    return this.messages.filter((message) => message.status === 'FAILED' && matches(message, filter)).length;
  }

  async retryFailed(filter: OutboxMessageFilter, now: Date): Promise<number> {
    const chosen = this.messages.filter((message) => message.status === 'FAILED' && matches(message, filter));
    for (const message of chosen) this.update(message.id, { status: 'PENDING', attempts: 0, nextAttemptAt: now });
    return chosen.length;
  }
}
