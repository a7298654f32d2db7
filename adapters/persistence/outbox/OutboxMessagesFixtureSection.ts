import { inject, injectable } from 'inversify';
import { Clock } from '../../../core/shared/Clock.js';
import type { OutboxPayload } from '../../../core/shared/Outbox.js';
import type { FixtureSection, LoadMode } from '../fixtures/FixtureSection.js';
import { itemsToWrite } from '../fixtures/itemsToWrite.js';
import { Database } from '../Database.js';
import { insertOutboxMessage } from './insertOutboxMessage.js';
import { SequelizeOutboxOperatorQueries } from './SequelizeOutboxOperatorQueries.js';

interface OutboxMessageItem {
  id: string;
  topic: string;
  partitionKey: string;
  payload: OutboxPayload;
}

/**
 * Fixture key `outboxMessages`: `[{id, topic, partitionKey, payload}]`, enqueued PENDING and due
 * now, so the worker delivers them as it would any message. Fixed ids let documentation
 * examples and demos name a message.
 */
@injectable()
export class OutboxMessagesFixtureSection implements FixtureSection {
  readonly key = 'outboxMessages';
  readonly refusedInProduction = 'a fixture file may not queue outbox messages in production: the worker would sign them with the real secret and deliver them to the real partner';
  readonly itemSchema = {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'topic', 'partitionKey', 'payload'],
    properties: {
      id: { type: 'string', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$', description: 'A UUIDv7' },
      topic: { type: 'string', minLength: 1, maxLength: 64 },
      partitionKey: { type: 'string', minLength: 1, maxLength: 128 },
      payload: { type: 'object' },
    },
  };

  constructor(
    @inject(Database) private readonly database: Database,
    @inject(SequelizeOutboxOperatorQueries) private readonly operatorQueries: SequelizeOutboxOperatorQueries,
    @inject(Clock) private readonly clock: Clock,
  ) {}

  async load(items: unknown[], mode: LoadMode): Promise<number> {
    const messages = items as OutboxMessageItem[];
    const stored = new Set<string>();
    for (const { id } of messages) if (await this.operatorQueries.find(id)) stored.add(id);
    // A message is a record of what was (or will be) sent: `--replace` never rewrites one.
    const toWrite = itemsToWrite(this.key, messages, mode === 'replace' ? 'insert' : mode, {
      isStored: (item) => stored.has(item.id),
      describe: (item) => `outbox message ${item.id}`,
    });
    const now = this.clock.now();
    for (const { id, topic, partitionKey, payload } of toWrite) await insertOutboxMessage(this.database, id, { topic, partitionKey, payload }, now);
    return toWrite.length;
  }
}
