/**
 * The KycChanged transaction of the least-work baselines (`kycChangedRoute.ts`,
 * `outboxPipeline.ts`) on a raw mysql2 pool: dedupe by eventId, lock the profile, apply
 * Midplat's pure rules, update it, a history row, the callbacks (`enqueue`, where the rules
 * call for one: the pipeline checks subscriptions and writes outbox rows), the processed row.
 * The SQL texts are Midplat's own, so the rows and answers are the same.
 */
import type { Pool, PoolConnection, RowDataPacket } from 'mysql2/promise';
import { toKycProfile, toKycProfileRow } from '../../../adapters/persistence/kyc-change-notifier/kycProfileMapper.js';
import { kycSql, profileValues } from '../../../adapters/persistence/kyc-change-notifier/kycSql.js';
import type { KycProfileRow } from '../../../adapters/persistence/kyc-change-notifier/kycChangeNotifierModels.js';
import { applyKycEvent, type MoneyPlusNotice } from '../../../core/kyc-change-notifier/applyKycEvent.js';
import type { KycChangeResult, QueuedCallback } from '../../../core/kyc-change-notifier/KycChangeNotifier.js';
import type { KycChangedEvent } from '../../../core/kyc-change-notifier/ports.js';

/** Queues the callbacks of a notice on the transaction's connection. */
export type EnqueueCallbacks = (connection: PoolConnection, uid: string, notice: MoneyPlusNotice) => Promise<QueuedCallback[]>;

const sql = kycSql('mysql');

export async function applyKycChanged(pool: Pool, event: KycChangedEvent, requestId: string, enqueue?: EnqueueCallbacks): Promise<KycChangeResult> {
  const connection = await pool.getConnection();
  try {
    await connection.beginTransaction();
    const [processed] = await connection.execute<RowDataPacket[]>(sql.findProcessedEvent, [event.eventId]);
    if (processed.length > 0) {
      await connection.rollback();
      return { eventId: event.eventId, uid: event.uid, outcome: 'DUPLICATE', changedFields: [], callbacks: [] };
    }
    const [rows] = await connection.execute<RowDataPacket[]>(sql.lockProfile, [event.uid]);
    if (rows.length === 0) throw new Error(`the bench loads every profile first; ${event.uid} is missing`);
    const effect = applyKycEvent(toKycProfile(rows[0] as KycProfileRow), event);
    const now = new Date();
    await connection.execute(sql.updateProfile, [...profileValues(toKycProfileRow(effect.profile)), now, event.uid]);
    await connection.execute(sql.insertHistory, [
      event.uid, event.eventId, event.type, effect.outcome, JSON.stringify(effect.changes), effect.note, event.occurredAt, requestId, now,
    ]);
    const callbacks = effect.notice && enqueue ? await enqueue(connection, event.uid, effect.notice) : [];
    await connection.execute(sql.insertProcessedEvent, [event.eventId, event.uid, event.type, effect.outcome, now]);
    await connection.commit();
    const changedFields = effect.outcome === 'APPLIED' ? effect.changes.map((change) => change.field) : [];
    return { eventId: event.eventId, uid: event.uid, outcome: effect.outcome, changedFields, callbacks };
  } catch (error) {
    await connection.rollback().catch(() => undefined);
    throw error;
  } finally {
    connection.release();
  }
}
