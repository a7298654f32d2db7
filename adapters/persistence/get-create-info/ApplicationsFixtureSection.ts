import { inject, injectable } from 'inversify';
import type { Application } from '../../../core/get-create-info/Application.js';
import { objectSchema } from '../../json-schema/get-create-info/createInfoJsonSchema.js';
import { APPLICATION_SHAPE, type Shape } from '../../../core/get-create-info/createInfoShape.js';
import { Database } from '../Database.js';
import { InvalidFixture } from '../fixtures/InvalidFixture.js';
import type { FixtureSection, LoadMode } from '../fixtures/FixtureSection.js';
import { itemsToWrite } from '../fixtures/itemsToWrite.js';
import { addApplicationRows, emptyTableRows, type TableRows } from './applicationGraph.js';
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

/** Tables whose rows belong to one application; a member profile may be shared (kept if present). */
const OWNED_CHILD_TABLES = LOAD_ORDER.filter((table) => table !== 'memberProfile' && table !== 'createMaster');

interface Graph {
  readonly index: number;
  readonly seqNo: string;
  readonly rows: TableRows;
}

/**
 * Fixture key `applications`: items in exactly the GetCreateInfo response item shape
 * (minus the computed `abnormalPid`), so that loading one and reading it back gives the
 * same object. Children must come in ascending seqNo order, as they are read back. An
 * application is keyed by its seqNo; a child key already held by another application is
 * refused (or, for `keepExisting`, the application is skipped), never half-written.
 */
@injectable()
export class ApplicationsFixtureSection implements FixtureSection {
  readonly key = 'applications';
  readonly itemSchema = objectSchema(APPLICATION_SHAPE, 'fixture');

  constructor(@inject(Database) private readonly database: Database) {}

  async load(items: unknown[], mode: LoadMode): Promise<number> {
    const graphs: Graph[] = items.map((item, index) => {
      const seqNo = (item as Item).seqNo as string;
      const application = complete(APPLICATION_SHAPE, item as Item, { createMasterSeqNo: seqNo }) as unknown as Application;
      // A flag detail's seqNo is its flag's (SPEC 4).
      for (const flag of application.manualReviewFlags) {
        for (const detail of ['amlFlagDetail', 'ocrFlagDetail', 'z21FlagDetail', 'z22FlagDetail'] as const) {
          const found = flag[detail] as Item | null;
          if (found && found.seqNo === undefined) found.seqNo = flag.seqNo;
        }
      }
      check(application, String(index));
      const rows = emptyTableRows();
      addApplicationRows(rows, application);
      return { index, seqNo, rows };
    });
    const storedMasters = await this.storedKeys('createMaster', graphs.map((graph) => graph.seqNo));
    let toWrite = itemsToWrite(this.key, graphs, mode, {
      isStored: (graph) => storedMasters.has(graph.seqNo),
      describe: (graph) => `seqNo ${graph.seqNo}`,
    });
    if (mode === 'replace') {
      const seqNos = toWrite.map((graph) => graph.seqNo);
      for (let start = 0; start < seqNos.length; start += CHUNK) await this.removeGraphs(seqNos.slice(start, start + CHUNK));
    }
    const conflicts = await this.childKeyConflicts(toWrite);
    if (mode === 'keepExisting') toWrite = toWrite.filter((graph) => !conflicts.has(graph));
    else {
      const [graph, conflict] = [...conflicts][0] ?? [];
      if (graph) throw new InvalidFixture(`applications[${graph.index}] (seqNo ${graph.seqNo}): ${conflict} already exists in another application; nothing was loaded`);
    }
    await this.insert(toWrite);
    return toWrite.length;
  }

  private async insert(graphs: readonly Graph[]): Promise<void> {
    const models = this.database.models(defineGetCreateInfoModels);
    const options = this.database.queryOptions();
    for (const table of LOAD_ORDER) {
      const tableRows: Row[] = graphs.flatMap((graph) => graph.rows[table]);
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

  /** Which of the keys are stored in the table (compared as strings: serials and string keys alike). */
  private async storedKeys(table: TableName, keys: readonly unknown[]): Promise<Set<string>> {
    const model = this.database.models(defineGetCreateInfoModels)[table];
    const column = TABLES[table].key;
    const stored = new Set<string>();
    for (let start = 0; start < keys.length; start += CHUNK) {
      const rows = await model.findAll({ attributes: [column], where: { [column]: keys.slice(start, start + CHUNK) }, raw: true, ...this.database.queryOptions() });
      for (const row of rows) stored.add(String((row as unknown as Row)[column]));
    }
    return stored;
  }

  /** For each graph whose child rows reuse a stored key, the first such key, named. */
  private async childKeyConflicts(graphs: readonly Graph[]): Promise<Map<Graph, string>> {
    const conflicts = new Map<Graph, string>();
    for (const table of OWNED_CHILD_TABLES) {
      const column = TABLES[table].key;
      const stored = await this.storedKeys(table, graphs.flatMap((graph) => graph.rows[table].map((row) => row[column])));
      for (const graph of graphs) {
        const clash = graph.rows[table].find((row) => stored.has(String(row[column])));
        if (clash && !conflicts.has(graph)) conflicts.set(graph, `${TABLES[table].name}.${column} ${String(clash[column])}`);
      }
    }
    return conflicts;
  }

  /** Removes the whole graph of each application being replaced. */
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
