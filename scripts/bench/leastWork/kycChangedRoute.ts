/**
 * The least-work baseline of `npm run bench -- kyc-ingest`: KycChanged on Koa and a raw
 * mysql2 pool, nothing else (no Sequelize, no DI, no schema validation, no logging, no
 * metrics). One transaction of the five statements the issue names (`kycChangedTransaction.ts`):
 * dedupe by eventId, lock the profile, update it, a history row, the processed row. For users
 * not subscribed to any partner the answers are Midplat's: this route enqueues no callback.
 * Started as a child process; sends {port}.
 */
import mysql from 'mysql2/promise';
import type { KycChangedEvent } from '../../../core/kyc-change-notifier/ports.js';
import { applyKycChanged } from './kycChangedTransaction.js';
import { serveJsonRoute } from './serveJsonRoute.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
const pool = mysql.createPool({ uri: url, connectionLimit: Number(process.env.POOL_MAX ?? 10), timezone: '+00:00', charset: 'utf8mb4' });

let requests = 0;
serveJsonRoute((event) => applyKycChanged(pool, event as KycChangedEvent, `least-work-${(requests += 1)}`));
