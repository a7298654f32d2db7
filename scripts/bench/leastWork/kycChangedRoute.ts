/**
 * The least-work baseline of `npm run bench -- kyc-ingest`: KycChanged on Koa and a raw
 * mysql2 pool, nothing else (no Sequelize, no DI, no schema validation, no logging, no
 * metrics). One transaction of the five statements the issue names: dedupe by eventId,
 * lock the profile, update it, a history row, the processed row. The SQL text and the pure
 * event rules are Midplat's own, so the answers are the same (for users not subscribed to
 * any partner: this route enqueues no callback). Started as a child process; sends {port}.
 */
import mysql from 'mysql2/promise';
import { toKycProfile, toKycProfileRow } from '../../../adapters/persistence/kyc-change-notifier/kycProfileMapper.js';
import { kycSql, profileValues } from '../../../adapters/persistence/kyc-change-notifier/kycSql.js';
import type { KycProfileRow } from '../../../adapters/persistence/kyc-change-notifier/kycChangeNotifierModels.js';
import { applyKycEvent } from '../../../core/kyc-change-notifier/applyKycEvent.js';
import type { KycChangedEvent } from '../../../core/kyc-change-notifier/ports.js';
import { serveJsonRoute } from './serveJsonRoute.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
const pool = mysql.createPool({ uri: url, connectionLimit: Number(process.env.POOL_MAX ?? 10), timezone: '+00:00', charset: 'utf8mb4' });
const sql = kycSql('mysql');

async function apply(event: KycChangedEvent, requestId: string): Promise<object> {
  const connection = await pool.getConnection();
  try {
    await connection.beginTransaction();
    const [processed] = await connection.execute<mysql.RowDataPacket[]>(sql.findProcessedEvent, [event.eventId]);
    if (processed.length > 0) {
      await connection.rollback();
      return { eventId: event.eventId, uid: event.uid, outcome: 'DUPLICATE', changedFields: [], callbacks: [] };
    }
    const [rows] = await connection.execute<mysql.RowDataPacket[]>(sql.lockProfile, [event.uid]);
    if (rows.length === 0) throw new Error(`the bench loads every profile first; ${event.uid} is missing`);
    const effect = applyKycEvent(toKycProfile(rows[0] as KycProfileRow), event);
    const now = new Date();
    await connection.execute(sql.updateProfile, [...profileValues(toKycProfileRow(effect.profile)), now, event.uid]);
    await connection.execute(sql.insertHistory, [
      event.uid, event.eventId, event.type, effect.outcome, JSON.stringify(effect.changes), effect.note, event.occurredAt, requestId, now,
    ]);
    await connection.execute(sql.insertProcessedEvent, [event.eventId, event.uid, event.type, effect.outcome, now]);
    await connection.commit();
    const changedFields = effect.outcome === 'APPLIED' ? effect.changes.map((change) => change.field) : [];
    return { eventId: event.eventId, uid: event.uid, outcome: effect.outcome, changedFields, callbacks: [] };
  } catch (error) {
    await connection.rollback().catch(() => undefined);
    throw error;
  } finally {
    connection.release();
  }
}

let requests = 0;
serveJsonRoute((event) => apply(event as KycChangedEvent, `least-work-${(requests += 1)}`));
