import type { AttemptRecord, ClaimedMessage, OutboxStore } from '../../../core/shared/OutboxStore.js';

/** One delivery recorded DONE through the store's port; true when its lease still held. */
export async function markDone(store: OutboxStore, claim: ClaimedMessage, now: Date, record?: AttemptRecord): Promise<boolean> {
  const kept = await store.markManyDone([claim], now, record ? new Map([[claim.id, record]]) : undefined);
  return kept.has(claim.id);
}
