import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import type { Application, ApplicationRecord } from '../../../core/get-create-info/Application.js';
import { addApplicationRows, emptyTableRows, type TableRows } from '../../../adapters/persistence/get-create-info/applicationGraph.js';
import { TABLES, type TableName } from '../../../adapters/persistence/get-create-info/createInfoTables.js';
import { demoDataFolder } from '../../../config/projectRoot.js';

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVXYWZIO';

/** The national ID of the applicant of application i: two applications per person. */
export function benchIdno(i: number): string {
  const person = Math.floor(i / 2);
  return `${LETTERS[person % 26]}${1 + (person % 2)}${pad(person % 100000000, 8)}`;
}

/** The demo's completed application (all four flag details, tax residences, resends, teller record). */
function template(): ApplicationRecord {
  const demo = JSON.parse(readFileSync(join(demoDataFolder, 'applications.json'), 'utf8')) as { applications: ApplicationRecord[] };
  const full = demo.applications.find((app) => app.manualReviewFlags.length > 0 && app.documentResends.some((r) => r.category === 'FINANCIAL_PROOF'));
  if (!full) throw new Error('the demo data has no full application to copy');
  return full;
}

/** Application i with a full graph: unique keys, two per national ID, three per phone. */
function benchApplication(base: ApplicationRecord, i: number): Application {
  const app = structuredClone(base) as unknown as Application;
  const seqNo = `BENCH${pad(i, 12)}`;
  const idno = benchIdno(i);
  app.seqNo = seqNo;
  app.idno = idno;
  app.phoneNumber = `09${pad(Math.floor(i / 3) % 100000000, 8)}`;
  app.memberProfileSeqNo = `BP${pad(i, 12)}`;
  app.createDate = `20${pad(20 + (i % 7), 2)}-${pad(1 + (i % 12), 2)}-${pad(1 + (i % 28), 2)}`;
  if (app.stepBreakPoint) app.stepBreakPoint.seqNo = `S${seqNo}`;
  app.createDetails.forEach((detail, n) => {
    Object.assign(detail, { seqNo: `D${n}${seqNo}`, createMasterSeqNo: seqNo, idno, psd: null });
  });
  app.documentResends.forEach((resend, n) => {
    resend.seqNo = i * app.documentResends.length + n + 1;
    resend.createMasterSeqNo = seqNo;
  });
  app.manualReviewFlags.forEach((flag, n) => {
    const key = i * app.manualReviewFlags.length + n + 1;
    flag.seqNo = key;
    flag.createMasterSeqNo = seqNo;
    for (const detail of [flag.amlFlagDetail, flag.ocrFlagDetail, flag.z21FlagDetail, flag.z22FlagDetail]) if (detail) detail.seqNo = key;
    if (flag.ocrFlagDetail) flag.ocrFlagDetail.createMasterSeqNo = seqNo;
    flag.aml = flag.amlFlagDetail ? key : null;
    flag.ocr = flag.ocrFlagDetail ? key : null;
    flag.z22 = flag.z22FlagDetail ? key : null;
    flag.payTaxes.forEach((tax, t) => {
      tax.seqNo = key * 10 + t;
      tax.IDNO = idno;
    });
  });
  app.tellerCheckRecords.forEach((record, n) => {
    record.seqNo = i * app.tellerCheckRecords.length + n + 1;
    record.createMasterSeqNo = seqNo;
  });
  return app;
}

async function insert(connection: mysql.Connection, rows: TableRows): Promise<void> {
  for (const [table, tableRows] of Object.entries(rows) as [TableName, Record<string, unknown>[]][]) {
    if (tableRows.length === 0) continue;
    const columns = TABLES[table].columns.map((c) => c.column).filter((c) => tableRows[0]![c] !== undefined);
    const values = tableRows.map((row) => columns.map((c) => row[c]));
    await connection.query(`INSERT INTO ${TABLES[table].name} (${columns.join(', ')}) VALUES ?`, [values]);
  }
}

/** Writes `count` applications with full graphs using multi-row INSERTs on a few connections. */
export async function insertBenchApplications(url: string, count: number, onProgress: (done: number) => void): Promise<void> {
  const base = template();
  const batchSize = 1000;
  let next = 0;
  const worker = async () => {
    const connection = await mysql.createConnection({ uri: url, charset: 'utf8mb4' });
    try {
      await connection.query('SET SESSION unique_checks = 0');
      for (;;) {
        const start = next;
        if (start >= count) return;
        next += batchSize;
        const rows = emptyTableRows();
        for (let i = start; i < Math.min(start + batchSize, count); i += 1) addApplicationRows(rows, benchApplication(base, i), 'text');
        await connection.beginTransaction();
        await insert(connection, rows);
        await connection.commit();
        onProgress(Math.min(start + batchSize, count));
      }
    } finally {
      await connection.end();
    }
  };
  await Promise.all([worker(), worker(), worker()]);
}
