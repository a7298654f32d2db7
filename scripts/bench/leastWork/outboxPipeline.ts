/**
 * The least-work outbox pipeline of `npm run bench -- outbox-e2e`, one process, Koa and
 * mysql2 and nothing else: the KycChanged transaction of `kycChangedTransaction.ts` with
 * the subscription check and the outbox rows in it (Midplat's SQL, so the rows are the
 * same), and after the commit the in-process `OutboxDeliverer` sends the signed callbacks to
 * CALLBACK_URL (partner BIZ_ID, secret WEBHOOK_SECRET) and marks them DONE. Sends {port}.
 */
import mysql from 'mysql2/promise';
import type { MoneyPlusPartnerConfig } from '../../../adapters/money-plus/kyc-change-notifier/MoneyPlusSettings.js';
import { kycSql } from '../../../adapters/persistence/kyc-change-notifier/kycSql.js';
import { INSERT_OUTBOX_MESSAGE_SQL, outboxMessageValues } from '../../../adapters/persistence/outbox/insertOutboxMessage.js';
import { uuidv7 } from '../../../adapters/persistence/outbox/uuidv7.js';
import type { MoneyPlusNotice } from '../../../core/kyc-change-notifier/applyKycEvent.js';
import type { QueuedCallback } from '../../../core/kyc-change-notifier/KycChangeNotifier.js';
import { MONEYPLUS_CALLBACK_TOPIC, type MoneyPlusCallbackPayload } from '../../../core/kyc-change-notifier/MoneyPlusCallback.js';
import type { KycChangedEvent } from '../../../core/kyc-change-notifier/ports.js';
import { applyKycChanged } from './kycChangedTransaction.js';
import { OutboxDeliverer } from './outboxDeliverer.js';
import { serveJsonRoute } from './serveJsonRoute.js';

const required = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const pool = mysql.createPool({ uri: required('DATABASE_URL'), connectionLimit: Number(process.env.POOL_MAX ?? 10), timezone: '+00:00', charset: 'utf8mb4' });
const partner: MoneyPlusPartnerConfig = { bizId: required('BIZ_ID'), secret: required('WEBHOOK_SECRET'), callbackUrl: required('CALLBACK_URL'), queryFields: [] };
const deliverer = new OutboxDeliverer(pool, partner, (line) => process.stderr.write(`[outbox-pipeline] ${line}\n`));
const subscribedBizIdsSql = kycSql('mysql').subscribedBizIds;

/** Midplat's enqueue: one message per subscribed partner that is configured; `seqs` gets each row's seq. */
async function enqueueCallbacks(connection: mysql.PoolConnection, uid: string, notice: MoneyPlusNotice, seqs: number[]): Promise<QueuedCallback[]> {
  const [subscriptions] = await connection.execute<mysql.RowDataPacket[]>(subscribedBizIdsSql, [uid]);
  const queued: QueuedCallback[] = [];
  for (const { biz_id: bizId } of subscriptions as { biz_id: string }[]) {
    if (bizId !== partner.bizId) continue;
    const payload: MoneyPlusCallbackPayload = { bizId, uid, event: notice.event, data: notice.data };
    const now = new Date();
    const messageId = uuidv7(now.getTime());
    const [inserted] = await connection.execute<mysql.ResultSetHeader>(
      INSERT_OUTBOX_MESSAGE_SQL,
      outboxMessageValues(messageId, { topic: MONEYPLUS_CALLBACK_TOPIC, partitionKey: uid, payload }, now),
    );
    seqs.push(inserted.insertId);
    queued.push({ bizId, messageId });
  }
  return queued;
}

let requests = 0;
serveJsonRoute(async (event) => {
  const seqs: number[] = [];
  const result = await applyKycChanged(pool, event as KycChangedEvent, `least-work-${(requests += 1)}`, (connection, uid, notice) =>
    enqueueCallbacks(connection, uid, notice, seqs),
  );
  deliverer.committed(seqs); // committed: applyKycChanged returns after the commit
  return result;
});
