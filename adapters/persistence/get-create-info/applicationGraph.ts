import type { Application } from '../../../core/get-create-info/Application.js';
import type { ApplicationCriteria } from '../../../core/get-create-info/ports.js';
import { TABLES, type Table } from './createInfoTables.js';
import { fromRow, toRow, type DateWriting, type Row } from './rowCodec.js';

/*
 * The application graph in a constant number of queries: one for the matching masters,
 * then one per child table keyed by the masters' seqNos (flag details and tax residences
 * through a join on manual_review_flag), all on indexes. No per-row query, no joins that
 * multiply rows. The SQL is plain `?` placeholders, so Sequelize and mysql2 both run it.
 */

const list = (table: Table, alias = '') => table.columns.map((column) => `${alias}${column.column}`).join(', ');

const byMaster = (table: Table, order: string) =>
  `SELECT ${list(table)} FROM ${table.name} WHERE create_master_seq_no IN (?) ORDER BY ${order}`;

const byFlag = (table: Table, link: string) =>
  `SELECT ${list(table, 'c.')} FROM ${table.name} c JOIN manual_review_flag f ON f.seq_no = c.${link} WHERE f.create_master_seq_no IN (?) ORDER BY c.seq_no`;

/** The child queries; each takes the list of master seqNos as its one parameter. */
export const CHILD_QUERIES = {
  steps: byMaster(TABLES.stepBreakPoint, 'seq_no'),
  details: byMaster(TABLES.createDetail, 'seq_no'),
  resends: byMaster(TABLES.documentResend, 'seq_no'),
  // FINANCIAL_PROOF content: ResendToFinancialMapping (isDelete=false) → FileId → FinancialStatement.ImageId.
  financialImages:
    'SELECT m.document_resend_seq_no, s.image_id FROM document_resend d' +
    ' JOIN resend_to_financial_mapping m ON m.document_resend_seq_no = d.seq_no AND m.is_delete = 0' +
    ' JOIN financial_statement s ON s.file_id = m.file_id' +
    " WHERE d.create_master_seq_no IN (?) AND d.category = 'FINANCIAL_PROOF' ORDER BY m.seq_no",
  flags: byMaster(TABLES.manualReviewFlag, 'seq_no'),
  aml: byFlag(TABLES.amlFlagDetail, 'seq_no'),
  ocr: byFlag(TABLES.ocrFlagDetail, 'seq_no'),
  z21: byFlag(TABLES.z21FlagDetail, 'seq_no'),
  z22: byFlag(TABLES.z22FlagDetail, 'seq_no'),
  payTaxes: byFlag(TABLES.payTaxes, 'manual_review_flag_seq_no'),
  tellers: byMaster(TABLES.tellerCheckRecord, 'seq_no'),
} as const;

export type ChildRows = { [K in keyof typeof CHILD_QUERIES]: Row[] };

/** The masters matching every given criterion (each on an index), newest first. */
export function masterQuery(criteria: ApplicationCriteria): { sql: string; parameters: string[] } {
  const columns = { seqNo: 'seq_no', idno: 'idno', phone: 'phone_number' } as const;
  const given = (['seqNo', 'idno', 'phone'] as const).filter((key) => criteria[key] !== undefined);
  const conditions = given.map((key) => `${columns[key]} = ?`);
  const parameters = given.map((key) => criteria[key] as string);
  if (conditions.length === 0) throw new Error('masterQuery needs at least one criterion');
  return {
    sql: `SELECT ${list(TABLES.createMaster)} FROM create_master WHERE ${conditions.join(' AND ')} ORDER BY create_date DESC, create_time DESC, seq_no`,
    parameters,
  };
}

/** Distinct (phone, idno) pairs of every application on the given phones (covered by an index). */
export const IDNOS_BY_PHONE_SQL =
  'SELECT DISTINCT phone_number, idno FROM create_master WHERE phone_number IN (?) AND idno IS NOT NULL';

function groupBy(rows: readonly Row[], key: string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const value = String(row[key]);
    const group = groups.get(value);
    if (group) group.push(row);
    else groups.set(value, [row]);
  }
  return groups;
}

function oneBy(rows: readonly Row[], table: Table): Map<string, Row> {
  const found = new Map<string, Row>();
  for (const row of rows) found.set(String(row.seq_no), fromRow(table.columns, row));
  return found;
}

/** Builds the applications from the masters' rows and their children's rows, in master order. */
export function assembleApplications(masters: readonly Row[], children: ChildRows): Application[] {
  const steps = new Map(children.steps.map((row) => [String(row.create_master_seq_no), fromRow(TABLES.stepBreakPoint.columns, row)]));
  const details = groupBy(children.details, 'create_master_seq_no');
  const resends = groupBy(children.resends, 'create_master_seq_no');
  const images = new Map<string, string[]>();
  for (const row of children.financialImages) {
    const key = String(row.document_resend_seq_no);
    const found = images.get(key);
    if (found) found.push(String(row.image_id));
    else images.set(key, [String(row.image_id)]);
  }
  const flags = groupBy(children.flags, 'create_master_seq_no');
  const aml = oneBy(children.aml, TABLES.amlFlagDetail);
  const ocr = oneBy(children.ocr, TABLES.ocrFlagDetail);
  const z21 = oneBy(children.z21, TABLES.z21FlagDetail);
  const z22 = oneBy(children.z22, TABLES.z22FlagDetail);
  const payTaxes = groupBy(children.payTaxes, 'manual_review_flag_seq_no');
  const tellers = groupBy(children.tellers, 'create_master_seq_no');

  return masters.map((masterRow) => {
    const seqNo = String(masterRow.seq_no);
    const application = fromRow(TABLES.createMaster.columns, masterRow);
    application.stepBreakPoint = steps.get(seqNo) ?? null;
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
      flag.amlFlagDetail = aml.get(key) ?? null;
      flag.ocrFlagDetail = ocr.get(key) ?? null;
      flag.z21FlagDetail = z21.get(key) ?? null;
      flag.z22FlagDetail = z22.get(key) ?? null;
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
