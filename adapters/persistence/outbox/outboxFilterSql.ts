import type { OutboxMessageFilter } from '../../../core/ops-console/ports.js';
import type { SqlParameter } from '../selectRows.js';

/** Conditions of a WHERE (joined by AND) and their parameters, in placeholder order. */
export interface SqlConditions {
  readonly conditions: readonly string[];
  readonly parameters: readonly SqlParameter[];
}

/**
 * The console's filter as conditions on outbox_messages; absent conditions do not filter. Only
 * the present ones are written (never `? IS NULL OR …`, which no index serves), so the console's
 * indexes (migration 0009) do; the texts stay bounded, one per combination of conditions.
 */
export function outboxFilterSql(filter: OutboxMessageFilter): SqlConditions {
  const conditions: string[] = [];
  const parameters: SqlParameter[] = [];
  const add = (condition: string, value: string | Date | undefined) => {
    if (!value) return;
    conditions.push(condition);
    parameters.push(value);
  };
  add('status = ?', filter.status);
  add('topic = ?', filter.topic);
  add('partition_key = ?', filter.partitionKey);
  add('id = ?', filter.id);
  add('created_at >= ?', filter.createdFrom);
  add('created_at < ?', filter.createdTo);
  return { conditions, parameters };
}

/** ` WHERE a AND b …`, or nothing without a condition. */
export function whereOf(conditions: readonly string[]): string {
  return conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`;
}
