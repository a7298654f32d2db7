import type { Application } from '../../../core/get-create-info/Application.js';
import type { ApplicationCriteria } from '../../../core/get-create-info/ports.js';
import { TABLES, type Table } from './createInfoTables.js';
import { fromRow, toRow, type DateWriting, type Row } from './rowCodec.js';

/*
 * The application graph in a constant number of queries, each on an index: the matching
 * masters with their step break point (1:1), then one query per child list keyed by all
 * the masters' seqNos: create details, resends, financial-proof images, review flags with
 * their four details (each 1:1 with its flag), tax residences, teller records. One-to-one
 * joins never multiply rows; lists are separate queries. Plain `?` placeholders, so
 * Sequelize and mysql2 both run the same SQL.
 */

const list = (table: Table, alias: string, prefix = '') =>
  table.columns.map((column) => `${alias}.${column.column}${prefix ? ` AS ${prefix}${column.column}` : ''}`).join(', ');

/** Column-name prefixes of the one-to-one tables joined to their parent. */
export const JOINED = { step: 's__', aml: 'a__', ocr: 'o__', z21: 'z1__', z22: 'z2__' } as const;

// No ORDER BY: with one, MariaDB may walk the primary key instead of the parent index.
// Children are put in seqNo order per parent while assembling.
const byMaster = (table: Table) => `SELECT ${list(table, 'c')} FROM ${table.name} c WHERE c.create_master_seq_no IN (?)`;

/** The child queries; each takes the list of master seqNos as its one parameter. */
export const CHILD_QUERIES = {
  details: byMaster(TABLES.createDetail),
  resends: byMaster(TABLES.documentResend),
  // FINANCIAL_PROOF content: ResendToFinancialMapping (isDelete=false) → FileId → FinancialStatement.ImageId.
  financialImages:
    'SELECT m.seq_no, m.document_resend_seq_no, s.image_id FROM document_resend d' +
    ' JOIN resend_to_financial_mapping m ON m.document_resend_seq_no = d.seq_no AND m.is_delete = 0' +
    ' JOIN financial_statement s ON s.file_id = m.file_id' +
    " WHERE d.create_master_seq_no IN (?) AND d.category = 'FINANCIAL_PROOF'",
  flags:
    `SELECT ${list(TABLES.manualReviewFlag, 'f')}, ${list(TABLES.amlFlagDetail, 'a', JOINED.aml)},` +
    ` ${list(TABLES.ocrFlagDetail, 'o', JOINED.ocr)}, ${list(TABLES.z21FlagDetail, 'z1', JOINED.z21)},` +
    ` ${list(TABLES.z22FlagDetail, 'z2', JOINED.z22)} FROM manual_review_flag f` +
    ' LEFT JOIN aml_flag_detail a ON a.seq_no = f.seq_no LEFT JOIN ocr_flag_detail o ON o.seq_no = f.seq_no' +
    ' LEFT JOIN z21_flag_detail z1 ON z1.seq_no = f.seq_no LEFT JOIN z22_flag_detail z2 ON z2.seq_no = f.seq_no' +
    ' WHERE f.create_master_seq_no IN (?)',
  payTaxes:
    `SELECT ${list(TABLES.payTaxes, 'c')} FROM pay_taxes c JOIN manual_review_flag f ON f.seq_no = c.manual_review_flag_seq_no` +
    ' WHERE f.create_master_seq_no IN (?)',
  tellers: byMaster(TABLES.tellerCheckRecord),
} as const;

export type ChildRows = { [K in keyof typeof CHILD_QUERIES]: Row[] };

/** The masters matching every given criterion (each on an index), with their step break point; the use case orders them. */
export function masterQuery(criteria: ApplicationCriteria): { sql: string; parameters: string[] } {
  const columns = { seqNo: 'm.seq_no', idno: 'm.idno', phone: 'm.phone_number' } as const;
  const given = (['seqNo', 'idno', 'phone'] as const).filter((key) => criteria[key] !== undefined);
  const conditions = given.map((key) => `${columns[key]} = ?`);
  const parameters = given.map((key) => criteria[key] as string);
  if (conditions.length === 0) throw new Error('masterQuery needs at least one criterion');
  return {
    sql:
      `SELECT ${list(TABLES.createMaster, 'm')}, ${list(TABLES.stepBreakPoint, 's', JOINED.step)} FROM create_master m` +
      ` LEFT JOIN step_break_point s ON s.create_master_seq_no = m.seq_no WHERE ${conditions.join(' AND ')}`,
    parameters,
  };
}

/** Distinct (phone, idno) pairs of every application on the given phones (covered by an index). */
export const IDNOS_BY_PHONE_SQL =
  'SELECT DISTINCT phone_number, idno FROM create_master WHERE phone_number IN (?) AND idno IS NOT NULL';

/** seqNo order: numeric for serials, code-point order (as utf8mb4_bin and SQLite) for strings. */
function bySeqNo(a: Row, b: Row): number {
  const [x, y] = [a.seq_no, b.seq_no];
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  return Buffer.compare(Buffer.from(String(x)), Buffer.from(String(y)));
}

/** Rows grouped by a parent key, each group in seqNo order. */
function groupBy(rows: readonly Row[], key: string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const value = String(row[key]);
    const group = groups.get(value);
    if (group) group.push(row);
    else groups.set(value, [row]);
  }
  for (const group of groups.values()) if (group.length > 1) group.sort(bySeqNo);
  return groups;
}

/** A one-to-one table joined under a prefix: null when the join found no row. */
function joined(table: Table, row: Row, prefix: string): Row | null {
  return row[`${prefix}${table.key}`] === null || row[`${prefix}${table.key}`] === undefined ? null : fromRow(table.columns, row, prefix);
}

/** Builds the applications from the masters' rows and their children's rows, in master order. */
export function assembleApplications(masters: readonly Row[], children: ChildRows): Application[] {
  const details = groupBy(children.details, 'create_master_seq_no');
  const resends = groupBy(children.resends, 'create_master_seq_no');
  const images = new Map<string, string[]>();
  for (const [key, rows] of groupBy(children.financialImages, 'document_resend_seq_no')) {
    images.set(key, rows.map((row) => String(row.image_id)));
  }
  const flags = groupBy(children.flags, 'create_master_seq_no');
  const payTaxes = groupBy(children.payTaxes, 'manual_review_flag_seq_no');
  const tellers = groupBy(children.tellers, 'create_master_seq_no');

  return masters.map((masterRow) => {
    const seqNo = String(masterRow.seq_no);
    const application = fromRow(TABLES.createMaster.columns, masterRow);
    application.stepBreakPoint = joined(TABLES.stepBreakPoint, masterRow, JOINED.step);
    application.createDetails = (details.get(seqNo) ?? []).map((row) => fromRow(TABLES.createDetail.columns, row));
    application.documentResends = (resends.get(seqNo) ?? []).map((row) => {
      const resend = fromRow(TABLES.documentResend.columns, row);
      resend.resendContent =
        resend.category === 'FINANCIAL_PROOF' ? (images.get(String(row.seq_no)) ?? []) : (resend.resendContent ?? []);
      return resend;
    });
    application.manualReviewFlags = (flags.get(seqNo) ?? []).map((row) => {
      const flag = fromRow(TABLES.manualReviewFlag.columns, row);
      const key = String(row.seq_no);
      flag.amlFlagDetail = joined(TABLES.amlFlagDetail, row, JOINED.aml);
      flag.ocrFlagDetail = joined(TABLES.ocrFlagDetail, row, JOINED.ocr);
      flag.z21FlagDetail = joined(TABLES.z21FlagDetail, row, JOINED.z21);
      flag.z22FlagDetail = joined(TABLES.z22FlagDetail, row, JOINED.z22);
      flag.payTaxes = (payTaxes.get(key) ?? []).map((taxRow) => fromRow(TABLES.payTaxes.columns, taxRow));
      return flag;
    });
    application.tellerCheckRecords = (tellers.get(seqNo) ?? []).map((row) => fromRow(TABLES.tellerCheckRecord.columns, row));
    return application as unknown as Application;
  });
}

export type TableRows = { [K in keyof typeof TABLES]: Row[] };

export function emptyTableRows(): TableRows {
  return Object.fromEntries(Object.keys(TABLES).map((key) => [key, []])) as unknown as TableRows;
}

/** The file id a fixture gives the n-th financial-proof image of a resend. */
export const financialFileId = (resendSeqNo: number, index: number) => `FS${resendSeqNo}-${index + 1}`;

/**
 * The rows that store one application (the fixture shape); appended to `into`.
 * Children take their parent's key, whatever the input says (the loader checks they agree).
 */
export function addApplicationRows(into: TableRows, application: Application, dates: DateWriting = 'date-objects'): void {
  const master = { create_master_seq_no: application.seqNo };
  into.createMaster.push(toRow(TABLES.createMaster.columns, application, {}, dates));
  if (application.memberProfileSeqNo !== null) {
    into.memberProfile.push({
      seq_no: application.memberProfileSeqNo,
      idno: application.idno,
      phone: application.phoneNumber,
      name: application.name,
    });
  }
  if (application.stepBreakPoint) {
    into.stepBreakPoint.push(toRow(TABLES.stepBreakPoint.columns, application.stepBreakPoint, master, dates));
  }
  for (const detail of application.createDetails) {
    into.createDetail.push(toRow(TABLES.createDetail.columns, { ...detail, psd: detail.psd ?? null }, master, dates));
  }
  for (const resend of application.documentResends) {
    const financial = resend.category === 'FINANCIAL_PROOF';
    into.documentResend.push(
      toRow(TABLES.documentResend.columns, { ...resend, resendContent: financial ? null : resend.resendContent }, master, dates),
    );
    if (!financial) continue;
    resend.resendContent.forEach((imageId, index) => {
      const fileId = financialFileId(resend.seqNo, index);
      into.financialStatement.push({ file_id: fileId, image_id: imageId });
      into.resendToFinancialMapping.push({ document_resend_seq_no: resend.seqNo, file_id: fileId, is_delete: false });
    });
  }
  for (const flag of application.manualReviewFlags) {
    const key = { seq_no: flag.seqNo };
    into.manualReviewFlag.push(toRow(TABLES.manualReviewFlag.columns, flag, master, dates));
    if (flag.amlFlagDetail) into.amlFlagDetail.push(toRow(TABLES.amlFlagDetail.columns, flag.amlFlagDetail, key, dates));
    if (flag.ocrFlagDetail) into.ocrFlagDetail.push(toRow(TABLES.ocrFlagDetail.columns, flag.ocrFlagDetail, { ...key, ...master }, dates));
    if (flag.z21FlagDetail) into.z21FlagDetail.push(toRow(TABLES.z21FlagDetail.columns, flag.z21FlagDetail, key, dates));
    if (flag.z22FlagDetail) into.z22FlagDetail.push(toRow(TABLES.z22FlagDetail.columns, flag.z22FlagDetail, key, dates));
    for (const tax of flag.payTaxes) {
      into.payTaxes.push(toRow(TABLES.payTaxes.columns, tax, { manual_review_flag_seq_no: flag.seqNo }, dates));
    }
  }
  for (const record of application.tellerCheckRecords) {
    into.tellerCheckRecord.push(toRow(TABLES.tellerCheckRecord.columns, record, master, dates));
  }
}
