import type { QueryInterface } from 'sequelize';

/**
 * The operations console lists messages newest first (created_at, then id) under any one of its
 * filters (SPEC 8.1: status, topic, uid, time range; webhook-id is the unique id). Each filter
 * leads an index that ends in the sort, so a page is read in index order and stops at the page
 * size, instead of sorting every matching row (100–190 ms with 200k messages before).
 */
const INDEXES: ReadonlyArray<{ name: string; fields: string[] }> = [
  { name: 'outbox_messages_status_created', fields: ['status', 'created_at', 'id'] },
  { name: 'outbox_messages_topic_created', fields: ['topic', 'created_at', 'id'] },
  { name: 'outbox_messages_partition_created', fields: ['partition_key', 'created_at', 'id'] },
  { name: 'outbox_messages_created', fields: ['created_at', 'id'] },
];

export async function up(queryInterface: QueryInterface): Promise<void> {
  for (const { name, fields } of INDEXES) await queryInterface.addIndex('outbox_messages', fields, { name });
}

export async function down(queryInterface: QueryInterface): Promise<void> {
  for (const { name } of [...INDEXES].reverse()) await queryInterface.removeIndex('outbox_messages', name);
}
