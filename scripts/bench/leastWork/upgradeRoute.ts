/**
 * The least-work baseline of `npm run bench -- upgrade` (issue 11): UpgradeAccount's pass
 * on Koa and a raw mysql2 pool, nothing else (no DI, no schema validation, no logging, no
 * metrics, no breaker, no audit of failed attempts). The member read, then one short
 * transaction to claim the decision, DA21 with nothing held, a second short transaction to
 * record it: Midplat's own statements (`upgradeSql`), claim rule and DA21 message.
 * Started as a child process (DATABASE_URL, ESB_URL, TOKEN_SHA256, POOL_MAX); sends {port}.
 */
import { randomUUID } from 'node:crypto';
import mysql from 'mysql2/promise';
import { buildDa21Request, readDa21Reply } from '../../../adapters/esb/upgrade-account/da21Message.js';
import { upgradeSql } from '../../../adapters/persistence/upgrade-account/upgradeSql.js';
import { decideUpgrade } from '../../../core/upgrade-account/decideUpgrade.js';
import type { EddaCheck } from '../../../core/upgrade-account/ports.js';
import { serveJsonRoute } from './serveJsonRoute.js';

const { DATABASE_URL: url = '', ESB_URL: esbUrl = '' } = process.env;
if (!url || !esbUrl) throw new Error('DATABASE_URL and ESB_URL are required');
const pool = mysql.createPool({ uri: url, connectionLimit: Number(process.env.POOL_MAX ?? 10), timezone: '+00:00', charset: 'utf8mb4' });
const sql = upgradeSql('mysql');
/** Midplat's defaults: esb.timeoutMs + 2 s of claim, level 1A, channel and consumer ids. */
const CLAIM_MS = 7000;
const LEVEL = '1A';
const ESB = { channelId: 'BMD', consumerId: 'TWBMD' };

type CheckRow = { id: number; member_id: string; status: EddaCheck['status']; deciding_until: Date | null; esb_transaction_id: string | null };

async function inTransaction<T>(work: (connection: mysql.PoolConnection) => Promise<T>): Promise<T> {
  const connection = await pool.getConnection();
  try {
    await connection.beginTransaction();
    const result = await work(connection);
    await connection.commit();
    return result;
  } catch (error) {
    await connection.rollback().catch(() => undefined);
    throw error;
  } finally {
    connection.release();
  }
}

async function upgrade(memberId: string, requestId: string): Promise<object> {
  const requestedAt = new Date();
  const [members] = await pool.execute<mysql.RowDataPacket[]>(sql.selectMember, [memberId]);
  const member = members[0];
  if (!member) throw new Error(`the bench loads every member first; ${memberId} is missing`);
  const claimed = await inTransaction(async (connection) => {
    const [rows] = await connection.execute<mysql.RowDataPacket[]>(sql.lockCurrentCheck, [memberId]);
    const row = rows[0] as CheckRow | undefined;
    if (!row) throw new Error(`${memberId} has no EDDA check`);
    const check: EddaCheck = { id: row.id, memberId: row.member_id, status: row.status, decidingUntil: row.deciding_until, esbTransactionId: row.esb_transaction_id };
    const step = decideUpgrade(check, true, new Date(), CLAIM_MS);
    if (step.kind !== 'claim') throw new Error(`the bench decides each member once; ${memberId} is ${check.status}`);
    await connection.execute(sql.claimCheck, [step.claim.expiresAt, step.claim.esbTransactionId, new Date(), check.id]);
    return { check, transactionId: step.claim.esbTransactionId };
  });
  const da21 = buildDa21Request(
    { transactionId: claimed.transactionId, accountId: member.account_id as string, prodName: member.prod_name as string, level: LEVEL, requestedAt },
    ESB,
    new Date(),
  );
  const response = await fetch(esbUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json' },
    body: JSON.stringify(da21),
    signal: AbortSignal.timeout(5000),
  });
  const reply = readDa21Reply(await response.text());
  if (!response.ok || !reply.ok) throw new Error(`DA21 refused: ${response.status}`);
  await inTransaction(async (connection) => {
    const { check, transactionId } = claimed;
    await connection.execute(sql.lockCheckById, [check.id]);
    const now = new Date();
    await connection.execute(sql.insertReview, [memberId, check.id, true, 'APPLIED', transactionId, requestId, 'bench', now]);
    await connection.execute(sql.setDigitalLevel, [LEVEL, now, memberId]);
    await connection.execute(sql.changeCheckStatus, ['CustomerSuccess', now, check.id]);
    await connection.execute(sql.insertHistory, [check.id, check.status, 'CustomerSuccess', requestId, now]);
  });
  return {};
}

serveJsonRoute((body) => upgrade((body as { memberId: string }).memberId, randomUUID()));
