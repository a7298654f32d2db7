import { inject, injectable } from 'inversify';
import type { Application } from '../../../core/get-create-info/Application.js';
import { objectSchema } from '../../../core/get-create-info/createInfoJsonSchema.js';
import { APPLICATION_SHAPE, type Shape } from '../../../core/get-create-info/createInfoShape.js';
import { Database } from '../Database.js';
import { InvalidFixture } from '../fixtures/FixtureLoader.js';
import type { FixtureSection } from '../fixtures/FixtureSection.js';
import { addApplicationRows, emptyTableRows } from './applicationGraph.js';
import { TABLES, type TableName } from './createInfoTables.js';
import { defineGetCreateInfoModels } from './getCreateInfoModels.js';
import type { Row } from './rowCodec.js';

type Item = Record<string, unknown>;

/** Fills what a fixture may leave out: null scalars, empty lists, parent keys from the parent. */
function complete(shape: Shape, item: Item, parentKeys: Item): Item {
  const out: Item = {};
  for (const [name, spec] of Object.entries(shape)) {
    const value = item[name];
    if (spec.kind === 'object') out[name] = value == null ? null : complete(spec.fields, value as Item, parentKeys);
    else if (spec.kind === 'array') out[name] = ((value ?? []) as Item[]).map((child) => complete(spec.fields, child, parentKeys));
    else if (spec.kind === 'stringList' || spec.kind === 'specialNames') out[name] = value ?? [];
    else if ('parentKey' in spec && spec.parentKey) out[name] = value ?? parentKeys[name];
    else out[name] = value ?? null;
  }
  return out;
}

/** Code-point order, as utf8mb4_bin and SQLite compare. */
function ordered(keys: readonly (string | number)[]): boolean {
  for (let i = 1; i < keys.length; i += 1) {
    const [a, b] = [keys[i - 1]!, keys[i]!];
    const before = typeof a === 'number' ? a < (b as number) : Buffer.compare(Buffer.from(a), Buffer.from(b as string)) < 0;
    if (!before) return false;
  }
  return true;
}

/** The rules the JSON Schema cannot state, so that what loads reads back the same (SPEC 4). */
function check(application: Application, where: string): void {
  const fail = (message: string) => {
    throw new InvalidFixture(`applications[${where}] (seqNo ${application.seqNo}): ${message}`);
  };
  const lists = ['createDetails', 'documentResends', 'manualReviewFlags', 'tellerCheckRecords'] as const;
  for (const list of lists) {
    for (const child of application[list]) {
      if (child.createMasterSeqNo !== application.seqNo) fail(`${list}: createMasterSeqNo must be the application's seqNo`);
    }
    if (!ordered(application[list].map((child) => child.seqNo))) fail(`${list}: must be in ascending seqNo order`);
  }
  for (const flag of application.manualReviewFlags) {
    if (!ordered(flag.payTaxes.map((tax) => tax.seqNo))) fail('payTaxes: must be in ascending seqNo order');
    const links = [
      ['aml', 'amlFlagDetail'],
      ['ocr', 'ocrFlagDetail'],
      ['z22', 'z22FlagDetail'],
    ] as const;
    for (const [field, detail] of links) {
      const expected = flag[detail] ? flag.seqNo : null;
      if (flag[field] !== expected) fail(`manualReviewFlags ${flag.seqNo}: ${field} must be ${expected} (the flag's key when ${detail} is present, else null)`);
    }
    for (const detail of ['amlFlagDetail', 'ocrFlagDetail', 'z21FlagDetail', 'z22FlagDetail'] as const) {
      const found = flag[detail];
      if (found && found.seqNo !== flag.seqNo) fail(`manualReviewFlags ${flag.seqNo}: ${detail}.seqNo must be the flag's seqNo`);
    }
    if (flag.ocrFlagDetail && flag.ocrFlagDetail.createMasterSeqNo !== application.seqNo) {
      fail(`manualReviewFlags ${flag.seqNo}: ocrFlagDetail.createMasterSeqNo must be the application's seqNo`);
    }
  }
}

/** Parents before children, so a reader never sees a half-loaded graph's orphans. */
const LOAD_ORDER: TableName[] = [
  'memberProfile',
  'createMaster',
  'stepBreakPoint',
  'createDetail',
  'documentResend',
  'financialStatement',
  'resendToFinancialMapping',
  'manualReviewFlag',
  'amlFlagDetail',
  'ocrFlagDetail',
  'z21FlagDetail',
  'z22FlagDetail',
  'payTaxes',
  'tellerCheckRecord',
];

const CHUNK = 500;

/**
 * Fixture key `applications`: items in exactly the GetCreateInfo response item shape
 * (minus the computed `abnormalPid`), so that loading one and reading it back gives the
 * same object. Children must come in ascending seqNo order, as they are read back. An
 * application already stored under the same seqNo is replaced, graph and all.
 */
@injectable()
export class ApplicationsFixtureSection implements FixtureSection {
  readonly key = 'applications';
  readonly itemSchema = objectSchema(APPLICATION_SHAPE, 'fixture');

  constructor(@inject(Database) private readonly database: Database) {}

  async load(items: unknown[]): Promise<void> {
    const rows = emptyTableRows();
    items.forEach((item, index) => {
      const seqNo = (item as Item).seqNo;
      const application = complete(APPLICATION_SHAPE, item as Item, { createMasterSeqNo: seqNo }) as unknown as Application;
      // A flag detail's seqNo is its flag's (SPEC 4).
      for (const flag of application.manualReviewFlags) {
        for (const detail of ['amlFlagDetail', 'ocrFlagDetail', 'z21FlagDetail', 'z22FlagDetail'] as const) {
          const found = flag[detail] as Item | null;
          if (found && found.seqNo === undefined) found.seqNo = flag.seqNo;
        }
      }
      check(application, String(index));
      addApplicationRows(rows, application);
    });
    const models = this.database.models(defineGetCreateInfoModels);
    const options = this.database.queryOptions();
    const seqNos = rows.createMaster.map((row) => row.seq_no as string);
    for (let start = 0; start < seqNos.length; start += CHUNK) await this.removeGraphs(seqNos.slice(start, start + CHUNK));
    for (const table of LOAD_ORDER) {
      const tableRows: Row[] = rows[table];
      for (let start = 0; start < tableRows.length; start += CHUNK) {
        await models[table].bulkCreate(tableRows.slice(start, start + CHUNK), {
          ...options,
          validate: false,
          ignoreDuplicates: table === 'memberProfile',
          fields: TABLES[table].columns.map((column) => column.column).filter((column) => tableRows[0]![column] !== undefined),
        });
      }
    }
  }

  /** Loading an application again replaces its whole graph, so seeding the same file twice is harmless. */
  private async removeGraphs(seqNos: string[]): Promise<void> {
    const models = this.database.models(defineGetCreateInfoModels);
    const options = this.database.queryOptions();
    const keysOf = async (table: TableName, column: string, where: Record<string, unknown>) =>
      (await models[table].findAll({ attributes: [column], where, raw: true, ...options })).map((row) => (row as unknown as Row)[column]);
    const master = { create_master_seq_no: seqNos };
    const flags = await keysOf('manualReviewFlag', 'seq_no', master);
    const resends = await keysOf('documentResend', 'seq_no', master);
    const files = resends.length ? await keysOf('resendToFinancialMapping', 'file_id', { document_resend_seq_no: resends }) : [];
    const removals: [TableName, Record<string, unknown[]>][] = [
      ['payTaxes', { manual_review_flag_seq_no: flags }],
      ['amlFlagDetail', { seq_no: flags }],
      ['ocrFlagDetail', { seq_no: flags }],
      ['z21FlagDetail', { seq_no: flags }],
      ['z22FlagDetail', { seq_no: flags }],
      ['manualReviewFlag', master],
      ['resendToFinancialMapping', { document_resend_seq_no: resends }],
      ['financialStatement', { file_id: files }],
      ['documentResend', master],
      ['createDetail', master],
      ['tellerCheckRecord', master],
      ['stepBreakPoint', master],
      ['createMaster', { seq_no: seqNos }],
    ];
    for (const [table, where] of removals) {
      if (Object.values(where)[0]!.length > 0) await models[table].destroy({ where, ...options });
    }
  }
}
