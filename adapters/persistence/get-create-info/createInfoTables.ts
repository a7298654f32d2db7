import {
  AML_FLAG_DETAIL_SHAPE,
  APPLICATION_SHAPE,
  CODE_NAME_LENGTHS,
  CREATE_DETAIL_SHAPE,
  DOCUMENT_RESEND_SHAPE,
  MANUAL_REVIEW_FLAG_SHAPE,
  OCR_FLAG_DETAIL_SHAPE,
  PAY_TAXES_SHAPE,
  STEP_BREAK_POINT_SHAPE,
  TELLER_CHECK_RECORD_SHAPE,
  Z21_FLAG_DETAIL_SHAPE,
  Z22_FLAG_DETAIL_SHAPE,
  type ScalarKind,
  type Shape,
} from '../../../core/get-create-info/createInfoShape.js';

/** How one column holds (part of) a field of the shape. */
export type ColumnKind = ScalarKind | 'code' | 'name' | 'specialMask' | 'json';

export interface Column {
  /** The JSON field it fills (for `code`/`name`, the `{code, name}` field). */
  readonly field: string;
  readonly column: string;
  readonly kind: ColumnKind;
  readonly maxLength?: number;
  readonly required?: boolean;
}

/** `ocrSecFrontImageID` → `ocr_sec_front_image_id`, `bornInUSA` → `born_in_usa`, `IDNO` → `idno`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** The columns of a shape's scalar fields; nested objects and lists live in other tables. */
function columnsOf(shape: Shape, codeNameColumns: Record<string, [string, string]> = {}): Column[] {
  const columns: Column[] = [];
  for (const [field, spec] of Object.entries(shape)) {
    switch (spec.kind) {
      case 'object':
      case 'array':
      case 'stringList':
        break;
      case 'codeName': {
        const [code, name] = codeNameColumns[field] ?? [`${snakeCase(field)}_code`, `${snakeCase(field)}_name`];
        columns.push({ field, column: code, kind: 'code', maxLength: CODE_NAME_LENGTHS.code }, { field, column: name, kind: 'name', maxLength: CODE_NAME_LENGTHS.name });
        break;
      }
      case 'specialNames':
        columns.push({ field, column: snakeCase(field), kind: 'specialMask', required: true });
        break;
      default:
        columns.push({ field, column: snakeCase(field), kind: spec.kind, maxLength: spec.maxLength, required: spec.required === true });
    }
  }
  return columns;
}

export interface Table {
  readonly name: string;
  /** Primary key column. */
  readonly key: string;
  /** The column keying a child to its parent (what the graph is read by). */
  readonly parent?: string;
  readonly columns: readonly Column[];
}

const masterLink: Column = { field: '', column: 'create_master_seq_no', kind: 'string', maxLength: 64, required: true };

/** Storage of seed 001's tables (SPEC 4). Children keyed by the parent's seqNo, each on an index. */
export const TABLES = {
  createMaster: { name: 'create_master', key: 'seq_no', columns: columnsOf(APPLICATION_SHAPE) },
  stepBreakPoint: {
    name: 'step_break_point',
    key: 'seq_no',
    parent: 'create_master_seq_no',
    columns: [...columnsOf(STEP_BREAK_POINT_SHAPE), masterLink],
  },
  createDetail: {
    name: 'create_detail',
    key: 'seq_no',
    parent: 'create_master_seq_no',
    // psd: the user's encrypted password; stored as the seed has it, never returned.
    columns: [...columnsOf(CREATE_DETAIL_SHAPE), { field: 'psd', column: 'psd', kind: 'string', maxLength: 255 }],
  },
  documentResend: {
    name: 'document_resend',
    key: 'seq_no',
    parent: 'create_master_seq_no',
    // Image ids / EDD survey seqNo of the categories other than FINANCIAL_PROOF, as a JSON array.
    columns: [...columnsOf(DOCUMENT_RESEND_SHAPE), { field: 'resendContent', column: 'resend_content', kind: 'json' }],
  },
  manualReviewFlag: {
    name: 'manual_review_flag',
    key: 'seq_no',
    parent: 'create_master_seq_no',
    columns: columnsOf(MANUAL_REVIEW_FLAG_SHAPE),
  },
  amlFlagDetail: { name: 'aml_flag_detail', key: 'seq_no', columns: columnsOf(AML_FLAG_DETAIL_SHAPE) },
  ocrFlagDetail: { name: 'ocr_flag_detail', key: 'seq_no', columns: columnsOf(OCR_FLAG_DETAIL_SHAPE) },
  z21FlagDetail: { name: 'z21_flag_detail', key: 'seq_no', columns: columnsOf(Z21_FLAG_DETAIL_SHAPE) },
  z22FlagDetail: { name: 'z22_flag_detail', key: 'seq_no', columns: columnsOf(Z22_FLAG_DETAIL_SHAPE) },
  payTaxes: {
    name: 'pay_taxes',
    key: 'seq_no',
    parent: 'manual_review_flag_seq_no',
    columns: [
      ...columnsOf(PAY_TAXES_SHAPE, { countryCode: ['country_code', 'country_name'] }),
      { field: '', column: 'manual_review_flag_seq_no', kind: 'integer', required: true },
    ],
  },
  tellerCheckRecord: {
    name: 'teller_check_record',
    key: 'seq_no',
    parent: 'create_master_seq_no',
    columns: columnsOf(TELLER_CHECK_RECORD_SHAPE),
  },
  resendToFinancialMapping: {
    name: 'resend_to_financial_mapping',
    key: 'seq_no',
    parent: 'document_resend_seq_no',
    columns: [
      { field: 'seqNo', column: 'seq_no', kind: 'integer', required: true },
      { field: 'documentResendSeqNo', column: 'document_resend_seq_no', kind: 'integer', required: true },
      { field: 'fileId', column: 'file_id', kind: 'string', maxLength: 64, required: true },
      { field: 'isDelete', column: 'is_delete', kind: 'boolean', required: true },
    ],
  },
  financialStatement: {
    name: 'financial_statement',
    key: 'file_id',
    columns: [
      { field: 'fileId', column: 'file_id', kind: 'string', maxLength: 64, required: true },
      { field: 'imageId', column: 'image_id', kind: 'string', maxLength: 64, required: true },
    ],
  },
  memberProfile: {
    name: 'member_profile',
    key: 'seq_no',
    columns: [
      { field: 'seqNo', column: 'seq_no', kind: 'string', maxLength: 64, required: true },
      { field: 'idno', column: 'idno', kind: 'string', maxLength: 20 },
      { field: 'phone', column: 'phone', kind: 'string', maxLength: 20 },
      { field: 'name', column: 'name', kind: 'string', maxLength: 100 },
    ],
  },
} as const satisfies Record<string, Table>;

export type TableName = keyof typeof TABLES;
