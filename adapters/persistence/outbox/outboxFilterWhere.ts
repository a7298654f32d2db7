import { Op, type WhereOptions } from 'sequelize';
import type { OutboxMessageFilter } from '../../../core/ops-console/ports.js';
import type { SqlParameter } from '../selectRows.js';
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

/**
 * The same filter as driver SQL: ` AND …` conditions on outbox_messages and their parameters,
 * for statements inside a unit of work (where Sequelize's models have no transaction). One text
 * per set of conditions present, so at most 32.
 */
export function outboxFilterSql(filter: OutboxMessageFilter): { readonly conditions: string; readonly values: SqlParameter[] } {
  const parts: Array<[string, SqlParameter | undefined]> = [
    ['status = ?', filter.status],
    ['topic = ?', filter.topic],
    ['partition_key = ?', filter.partitionKey],
    ['id = ?', filter.id],
    ['created_at >= ?', filter.createdFrom],
    ['created_at < ?', filter.createdTo],
  ];
  const present = parts.filter(([, value]) => Boolean(value)); // as outboxFilterWhere: an empty value does not filter
  return { conditions: present.map(([condition]) => ` AND ${condition}`).join(''), values: present.map(([, value]) => value!) };
}
