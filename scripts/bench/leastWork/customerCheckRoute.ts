/**
 * The least-work baseline of `npm run bench -- customer-check`: CustomerCheck (GBK XML, queryType
 * 0) on Koa and the database's own driver (mysql2 on MariaDB, node-sqlite3 on SQLite, a
 * prepared statement), nothing else: no DI, no logging, no metrics. It decodes strictly,
 * reads the flat `<in>` with one regex per field, checks the request with Midplat's pure
 * rules, runs Midplat's one look-up statement and writes the same `<out>` bytes.
 * Started as a child process; sends {port}.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import mysql from 'mysql2/promise';
import sqlite3 from 'sqlite3';
import { writeXmlDocument } from '../../../adapters/codec/customer-check/xmlDocument.js';
import { profileSql, toBillingCustomerProfile, type ProfileRow as Row } from '../../../adapters/persistence/customer-check/SequelizeBillingCustomerRepository.js';
import { successReply } from '../../../core/customer-check/CustomerCheckReply.js';
import { parseCustomerCheckRequest } from '../../../core/customer-check/CustomerCheckRequest.js';
import { REPLY_FIELDS, REQUEST_FIELDS, type CustomerCheckRequestFields } from '../../../core/customer-check/messages.js';

const url = process.env.DATABASE_URL ?? '';
const apiKey = process.env.API_KEY;
if (!url || !apiKey) throw new Error('DATABASE_URL and API_KEY are required');
const sql = profileSql('c.company_id = ? AND c.bill_key = ?');

function sqliteLookUp(file: string): (companyId: string, billKey: string) => Promise<Row | undefined> {
  const database = new sqlite3.Database(file);
  const statement = database.prepare(sql);
  return (companyId, billKey) =>
    new Promise((resolve, reject) => statement.get([companyId, billKey], (error: Error | null, row: Row | undefined) => (error ? reject(error) : resolve(row))));
}

function mysqlLookUp(uri: string): (companyId: string, billKey: string) => Promise<Row | undefined> {
  const pool = mysql.createPool({ uri, connectionLimit: Number(process.env.POOL_MAX ?? 10), charset: 'utf8mb4' });
  return async (companyId, billKey) => {
    const [rows] = await pool.execute<mysql.RowDataPacket[]>(sql, [companyId, billKey]);
    return rows[0] as Row | undefined;
  };
}

const lookUp = url.startsWith('sqlite:') ? sqliteLookUp(url.slice('sqlite:'.length)) : mysqlLookUp(url);
const gbk = new TextDecoder('gbk', { fatal: true });
const fieldPatterns = REQUEST_FIELDS.map((field) => [field, new RegExp(`<${field}>([^<]*)</${field}>`)] as const);

const app = new Koa();
app.use(async (ctx) => {
  if (ctx.get('x-api-key') !== apiKey) {
    ctx.status = 403;
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
  const text = gbk.decode(Buffer.concat(chunks));
  const fields: CustomerCheckRequestFields = {};
  for (const [field, pattern] of fieldPatterns) {
    const value = pattern.exec(text)?.[1];
    if (value !== undefined) fields[field] = value;
  }
  const request = parseCustomerCheckRequest(fields);
  if (request.query.queryType !== '0') throw new Error('the bench asks by billKey');
  const row = await lookUp(request.query.companyId, request.query.billKey);
  if (!row) throw new Error('the bench asks for a loaded customer');
  const reply = successReply(request, toBillingCustomerProfile(row));
  ctx.set('Content-Type', 'application/xml; charset=GBK');
  ctx.body = writeXmlDocument('out', REPLY_FIELDS, reply);
});

const server = createServer(app.callback());
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
// Requests still in flight when the load stops are of no interest.
process.on('SIGTERM', () => process.exit(0));
