import { Op, type WhereOptions } from 'sequelize';
import type { OutboxMessageFilter } from '../../../core/ops-console/ports.js';
import type { OutboxMessageRow } from './outboxModels.js';

/** The console's filter as a WHERE on outbox_messages; absent conditions do not filter. */
export function outboxFilterWhere(filter: OutboxMessageFilter): WhereOptions<OutboxMessageRow> {
  const created: Record<symbol, Date> = {};
  if (filter.createdFrom) created[Op.gte] = filter.createdFrom;
  if (filter.createdTo) created[Op.lt] = filter.createdTo;
  return {
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.topic ? { topic: filter.topic } : {}),
    ...(filter.partitionKey ? { partition_key: filter.partitionKey } : {}),
    ...(filter.id ? { id: filter.id } : {}),
    ...(Object.getOwnPropertySymbols(created).length > 0 ? { created_at: created } : {}),
  };
}
