/**
 * The baseline of the GetCreateInfo benchmark: a hand-written handler on node:http and a
 * raw mysql2 pool, no Koa, no Sequelize, no auth, no schema validation, no logging. It runs
 * the same SQL and the same pure row-to-response mapping, so the difference measured is the
 * framework stack. Started by scripts/bench/getCreateInfo.ts as a child process.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import mysql from 'mysql2/promise';
import { abnormalPidOf, newestFirst } from '../../../core/get-create-info/GetCreateInfo.js';
import { toResponse } from '../../../core/get-create-info/toResponse.js';
import { assembleApplications, CHILD_QUERIES, IDNOS_BY_PHONE_SQL, masterQuery, type ChildRows } from '../../../adapters/persistence/get-create-info/applicationGraph.js';
import type { Row } from '../../../adapters/persistence/get-create-info/rowCodec.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
const pool = mysql.createPool({ uri: url, connectionLimit: Number(process.env.POOL_MAX ?? 10), dateStrings: true, charset: 'utf8mb4' });
const CHILD_KEYS = Object.keys(CHILD_QUERIES) as (keyof typeof CHILD_QUERIES)[];

async function select(sql: string, parameters: unknown[]): Promise<Row[]> {
  const [rows] = await pool.query(sql, parameters);
  return rows as Row[];
}

async function lookUp(body: { idno?: string; phone?: string; seqNo?: string }): Promise<unknown[]> {
  const { sql, parameters } = masterQuery(body);
  const masters = await select(sql, parameters);
  if (masters.length === 0) return [];
  const seqNos = masters.map((row) => row.seq_no);
  const results = await Promise.all(CHILD_KEYS.map((key) => select(CHILD_QUERIES[key], [seqNos])));
  const applications = assembleApplications(masters, Object.fromEntries(CHILD_KEYS.map((key, i) => [key, results[i]])) as ChildRows);
  const phones = [...new Set(applications.map((a) => a.phoneNumber).filter((p) => p !== null))];
  const byPhone = new Map<string, string[]>();
  if (phones.length > 0) {
    for (const row of await select(IDNOS_BY_PHONE_SQL, [phones])) {
      byPhone.set(String(row.phone_number), [...(byPhone.get(String(row.phone_number)) ?? []), String(row.idno)]);
    }
  }
  return applications.sort(newestFirst).map((application) => toResponse(application, abnormalPidOf(application, byPhone)));
}

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    lookUp(JSON.parse(Buffer.concat(chunks).toString('utf8')) as { idno?: string })
      .then((data) => {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ success: true, data }));
      })
      .catch((error: unknown) => {
        response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ success: false, error: String(error) }));
      });
  });
});

server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
process.on('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
