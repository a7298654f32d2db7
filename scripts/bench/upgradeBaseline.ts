import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import mysql from 'mysql2/promise';
import { buildDa21Request, readDa21Reply } from '../../adapters/esb/upgrade-account/da21Message.js';
import { Database } from '../../adapters/persistence/Database.js';
import { migrate } from '../../adapters/persistence/migrate.js';

const ESB = { channelId: 'BMD', consumerId: 'TWBMD' };

/**
 * Issue 11's yardstick: a hand-written Koa + mysql2 route doing UpgradeAccount's work —
 * claim in one short transaction, DA21 with nothing held, record in a second — with
 * none of Midplat's layers (no auth, schema, DI, ORM, audit of failures, breaker).
 */
export async function startUpgradeBaseline(databaseUrl: string, esbUrl: string, members: readonly string[]): Promise<{ url: string; stop: () => Promise<void> }> {
  // Two connections: migrate holds its lock's transaction on one while the migrations run on another.
  const schema = new Database({ url: databaseUrl, poolMax: 2 });
  await migrate(schema);
  await schema.close();
  const pool = mysql.createPool({ uri: databaseUrl, connectionLimit: 10, timezone: 'Z' });
  for (let start = 0; start < members.length; start += 500) {
    const slice = members.slice(start, start + 500);
    await pool.query('INSERT INTO members (member_id, account_id, prod_name, digital_level, created_at, updated_at) VALUES ?', [
      slice.map((id) => [id, `AA${id}`, 'AC.DIGITAL.SAV', '2B', new Date(), new Date()]),
    ]);
    await pool.query('INSERT INTO edda_checks (member_id, status, created_at, updated_at) VALUES ?', [slice.map((id) => [id, 'EDDASuccess', new Date(), new Date()])]);
  }

  const app = new Koa();
  app.use(async (ctx) => {
    const chunks: Buffer[] = [];
    for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
    const { memberId } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { memberId: string };
    const connection = await pool.getConnection();
    let claim: { id: number; accountId: string; transactionId: string };
    try {
      await connection.beginTransaction();
      const [memberRows] = await connection.query('SELECT account_id FROM members WHERE member_id = ?', [memberId]);
      const [checkRows] = await connection.query('SELECT id, status, deciding_until FROM edda_checks WHERE member_id = ? ORDER BY id DESC LIMIT 1 FOR UPDATE', [memberId]);
      const check = (checkRows as Array<{ id: number; status: string; deciding_until: Date | null }>)[0]!;
      if (check.status !== 'EDDASuccess' || (check.deciding_until && check.deciding_until > new Date())) throw new Error('not claimable');
      const transactionId = `MPUPG${String(check.id).padStart(12, '0')}`;
      await connection.query('UPDATE edda_checks SET deciding_until = ?, esb_transaction_id = ? WHERE id = ?', [new Date(Date.now() + 7000), transactionId, check.id]);
      await connection.commit();
      claim = { id: check.id, accountId: (memberRows as Array<{ account_id: string }>)[0]!.account_id, transactionId };
    } finally {
      connection.release();
    }
    const response = await fetch(esbUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(buildDa21Request({ transactionId: claim.transactionId, accountId: claim.accountId, prodName: 'AC.DIGITAL.SAV', level: '1A', requestedAt: new Date() }, ESB, new Date())),
      signal: AbortSignal.timeout(5000),
    });
    if (!readDa21Reply(await response.text()).ok) throw new Error('DA21 refused');
    const record = await pool.getConnection();
    try {
      await record.beginTransaction();
      await record.query('SELECT status FROM edda_checks WHERE id = ? FOR UPDATE', [claim.id]);
      await record.query('INSERT INTO upgrade_reviews (member_id, edda_check_id, is_pass, outcome, esb_transaction_id, request_id, consumer, reviewed_at) VALUES (?, ?, 1, ?, ?, ?, ?, ?)', [
        memberId, claim.id, 'APPLIED', claim.transactionId, 'bench', 'ivr', new Date(),
      ]);
      await record.query('UPDATE members SET digital_level = ? WHERE member_id = ?', ['1A', memberId]);
      await record.query('UPDATE edda_checks SET status = ?, deciding_until = NULL WHERE id = ?', ['CustomerSuccess', claim.id]);
      await record.query('INSERT INTO edda_check_history (edda_check_id, from_status, to_status, request_id, changed_at) VALUES (?, ?, ?, ?, ?)', [
        claim.id, 'EDDASuccess', 'CustomerSuccess', 'bench', new Date(),
      ]);
      await record.commit();
    } finally {
      record.release();
    }
    ctx.body = { success: true, data: {} };
  });
  const server = createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    },
  };
}
