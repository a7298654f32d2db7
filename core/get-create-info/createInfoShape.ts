/**
 * The shape of one GetCreateInfo response item (seed 001's field table, SPEC 4), as data.
 * It is the single list of what leaves the service: `toResponse` copies exactly these
 * fields, the HTTP and fixture schemas and the storage columns are derived from it.
 * Key order follows the seed's table; corrected spellings per SPEC 4.
 */

/** Scalar field kinds; every text kind is a string in JSON. */
export type ScalarKind =
  | 'string'
  | 'boolean'
  | 'integer'
  /** `YYYY-MM-DD` */
  | 'date'
  /** `HH:mm:ss` */
  | 'time'
  /** `YYYY-MM-DD HH:mm:ss` */
  | 'dateTime'
  /** ISO 8601 UTC with milliseconds, as the seed's example (`agreedDate`, `acverinputDate`). */
  | 'isoDateTime';

export interface ScalarField {
  readonly kind: ScalarKind;
  /** Longest accepted string, in characters (the API's limit; storage sizes its column from it). */
  readonly maxLength?: number;
  /** Never null: keys and the application's creation date and time. */
  readonly required?: true;
  /** A child's copy of its parent's key (`createMasterSeqNo`, a detail's `seqNo`): filled from the parent. */
  readonly parentKey?: true;
  /** Accepted values, when the seed lists them. */
  readonly enum?: readonly string[];
  /** A regular expression the value matches (JSON Schema `pattern`). */
  readonly pattern?: string;
}

/** The longest `code` and `name` of a `{code, name}` field, in characters. */
export const CODE_NAME_LENGTHS = { code: 32, name: 100 } as const;

/** `{code, name}` (industry, job, issuing city…), or null. */
export interface CodeNameField {
  readonly kind: 'codeName';
}

/** A list of strings (`resendContent`, `abnormalPid`). */
export interface StringListField {
  readonly kind: 'stringList';
}

/** `special`: stored as a bit mask, returned as the names of the bits set. */
export interface SpecialNamesField {
  readonly kind: 'specialNames';
}

/** One nested object, or null (`stepBreakPoint`, the flag details). */
export interface ObjectField {
  readonly kind: 'object';
  readonly fields: Shape;
}

/** A list of nested objects (`createDetails`, `payTaxes`…). */
export interface ArrayField {
  readonly kind: 'array';
  readonly fields: Shape;
}

export type FieldSpec = ScalarField | CodeNameField | StringListField | SpecialNamesField | ObjectField | ArrayField;
export type Shape = { readonly [name: string]: FieldSpec };

/** The `special` bits (seed: 特殊註記, 需用二進制轉換). */
export const SPECIAL_BITS = [{ bit: 1, name: 'NextUserLoan' }] as const;
export type SpecialName = (typeof SPECIAL_BITS)[number]['name'];

/** The codes `applyPurpose` joins with commas. */
export const APPLY_PURPOSES = ['DEPOSIT_TRANSACTION', 'INVESTMENT', 'LOAN', 'E_BILL'] as const;

/** Document resend categories; FINANCIAL_PROOF content comes from the financial statements. */
export const RESEND_CATEGORIES = [
  'FIRST_CERTIFICATE',
  'SECOND_CERTIFICATE',
  'EDD',
  'FINANCIAL_PROOF',
  'LOSS_NATIONALITY_PROOF',
] as const;

const s = (maxLength = 64) => ({ kind: 'string', maxLength }) as const;
const text = () => ({ kind: 'string', maxLength: 255 }) as const;
const bool = { kind: 'boolean' } as const;
const int = { kind: 'integer' } as const;
const date = { kind: 'date' } as const;
const time = { kind: 'time' } as const;
const dateTime = { kind: 'dateTime' } as const;
const isoDateTime = { kind: 'isoDateTime' } as const;
const codeName = { kind: 'codeName' } as const;
const serialKey = { kind: 'integer', required: true } as const satisfies ScalarField;
const masterKey = { kind: 'string', maxLength: 64, required: true, parentKey: true } as const satisfies ScalarField;
const flagKey = { kind: 'integer', required: true, parentKey: true } as const satisfies ScalarField;

function steps() {
  const fields: Record<string, typeof date | typeof time | ReturnType<typeof s>> = {};
  for (let n = 1; n <= 11; n += 1) {
    const step = `step${String(n).padStart(2, '0')}`;
    fields[`${step}State`] = s();
    fields[`${step}UpdateDate`] = date;
    fields[`${step}UpdateTime`] = time;
  }
  type Step = `step${'01' | '02' | '03' | '04' | '05' | '06' | '07' | '08' | '09' | '10' | '11'}`;
  return fields as Record<`${Step}State`, ReturnType<typeof s>> &
    Record<`${Step}UpdateDate`, typeof date> &
    Record<`${Step}UpdateTime`, typeof time>;
}

export const STEP_BREAK_POINT_SHAPE = {
  createDate: date,
  createTime: time,
  seqNo: { kind: 'string', maxLength: 64, required: true },
  ...steps(),
  updateDate: date,
  updateTime: time,
} as const satisfies Shape;

export const CREATE_DETAIL_SHAPE = {
  seqNo: { kind: 'string', maxLength: 64, required: true },
  createMasterSeqNo: masterKey,
  imei: s(),
  ipv4: s(15),
  ipv6: s(45),
  deviceRecord: s(),
  gps: s(),
  termGeneralAgrmt: s(),
  termMemberService: s(),
  termPointMarketingAgrmt: s(),
  termCommonMarketingAgrmt: s(),
  termPersonalAgrmt: s(),
  isAgreed3thPartyUsed: bool,
  agreedDate: isoDateTime,
  applyPurpose: { kind: 'string', maxLength: 64, pattern: `^(${APPLY_PURPOSES.join('|')})(,(${APPLY_PURPOSES.join('|')}))*$` },
  industry: codeName,
  job: codeName,
  organization: s(100),
  isSalaryAccount: bool,
  acverinputBank: s(8),
  acverinputAccNo: s(20),
  acverinputDate: isoDateTime,
  isFatca: bool,
  isPayTaxes: bool,
  isTwTaxPayer: bool,
  idno: s(20),
  name: s(100),
  aboriginalName: s(100),
  gender: s(8),
  spouse: s(100),
  birthYear: s(4),
  birthMonth: s(2),
  birthDate: s(2),
  idIssueYear: s(4),
  idIssueMonth: s(2),
  idIssueDate: s(2),
  idIssueCity: codeName,
  idIssueWay: codeName,
  residentCity: s(32),
  residentDistrict: s(32),
  residentAddress: text(),
  residentPostalCode: s(8),
  firstFront: s(),
  firstBack: s(),
  ocrSecFrontImageID: s(),
  isModified: bool,
  videoViewFileName: s(128),
  videoSoundFileName: s(128),
  cardFace: s(32),
  cardName: s(100),
  cardEmail: s(128),
  cardCity: s(32),
  cardArea: s(32),
  cardAddress: text(),
  cardAddressCode: s(8),
  userID: s(),
  createAccountStatus: s(8),
} as const satisfies Shape;

export const DOCUMENT_RESEND_SHAPE = {
  seqNo: serialKey,
  createMasterSeqNo: masterKey,
  resendProdType: s(32),
  resendReason: text(),
  createDateTime: dateTime,
  updateDateTime: dateTime,
  category: { kind: 'string', maxLength: 32, enum: RESEND_CATEGORIES },
  resendContent: { kind: 'stringList' },
  resendStatus: s(8),
  resendRejectReason: text(),
} as const satisfies Shape;

export const AML_FLAG_DETAIL_SHAPE = {
  seqNo: flagKey,
  isInSanctionList: bool,
  isInPepsList: bool,
  riskLevel: s(16),
} as const satisfies Shape;

export const OCR_FLAG_DETAIL_SHAPE = {
  createTime: time,
  updateTime: time,
  seqNo: flagKey,
  birthYear: s(4),
  birthMonth: s(2),
  birthDate: s(2),
  idIssueYear: s(4),
  idIssueMonth: s(2),
  idIssueDate: s(2),
  idIssueCity: s(32),
  idIssueWay: codeName,
  city: s(32),
  district: s(32),
  address: text(),
  postalCode: s(8),
  firstBack: s(),
  firstFront: s(),
  name: s(100),
  createDate: date,
  updateDate: date,
  aboriginalName: s(100),
  createMasterSeqNo: masterKey,
  spouse: s(100),
  birthPlace: s(32),
  military: s(32),
  naturalFather: s(100),
  naturalMother: s(100),
  secondFront: s(),
  gender: s(8),
  barCode: s(),
  serialNo: s(),
} as const satisfies Shape;

export const Z21_FLAG_DETAIL_SHAPE = {
  seqNo: flagKey,
  z21ResultCode: s(16),
  z21ResultMessage: text(),
  z21NewBussCount: s(16),
} as const satisfies Shape;

export const Z22_FLAG_DETAIL_SHAPE = {
  seqNo: flagKey,
  z22ActType: s(),
  z22MsgNewSubCode: text(),
} as const satisfies Shape;

export const PAY_TAXES_SHAPE = {
  IDNO: s(20),
  countryCode: codeName,
  createdDate: date,
  createdTime: time,
  seqNo: serialKey,
  taxesNo: s(),
  updateDate: date,
  updateTime: time,
} as const satisfies Shape;

export const MANUAL_REVIEW_FLAG_SHAPE = {
  seqNo: serialKey,
  createMasterSeqNo: masterKey,
  p2566: bool,
  /** The flag's own key when it has an OCR detail, else null (SPEC 4); same for z22 and aml. */
  ocr: int,
  ocrScanError: bool,
  z22: int,
  aml: int,
  sameIpDiffEmail: bool,
  bornInUSA: bool,
  rarelyWord: bool,
  createDate: date,
  updateDate: date,
  /** Not in the seed's table but in its example, which consumers copied. */
  createTime: time,
  updateTime: time,
  amlFlagDetail: { kind: 'object', fields: AML_FLAG_DETAIL_SHAPE },
  ocrFlagDetail: { kind: 'object', fields: OCR_FLAG_DETAIL_SHAPE },
  z21FlagDetail: { kind: 'object', fields: Z21_FLAG_DETAIL_SHAPE },
  z22FlagDetail: { kind: 'object', fields: Z22_FLAG_DETAIL_SHAPE },
  payTaxes: { kind: 'array', fields: PAY_TAXES_SHAPE },
  firstFrontScanError: bool,
  firstBackScanError: bool,
  secondScanError: bool,
  sameIpWithDiffPid: bool,
  sameIpWithDiffPidDatetime: dateTime,
  z21ExceedTimes: s(8),
  special: { kind: 'specialNames' },
} as const satisfies Shape;

export const TELLER_CHECK_RECORD_SHAPE = {
  seqNo: serialKey,
  createMasterSeqNo: masterKey,
  tellerNo: s(16),
  tellerCheckDate: date,
  tellerCheckTime: time,
  tellerMemo: text(),
  managerNo: s(16),
  managerCheckDate: date,
  managerCheckTime: time,
  managerMemo: text(),
  checkStatus: s(16),
  createDateTime: dateTime,
  updateDateTime: dateTime,
} as const satisfies Shape;

/** One application without the computed `abnormalPid`: also the fixture item (SPEC 2.3). */
export const APPLICATION_SHAPE = {
  seqNo: { kind: 'string', maxLength: 64, required: true },
  phoneNumber: s(20),
  idno: s(20),
  name: s(100),
  mgmCode: s(32),
  status: s(8),
  rejectMemo: text(),
  createDate: { kind: 'date', required: true },
  updateDate: date,
  createTime: { kind: 'time', required: true },
  updateTime: time,
  isFirstUse: bool,
  isArchived: bool,
  lastStepDateTime: dateTime,
  memberProfileSeqNo: s(),
  stepBreakPoint: { kind: 'object', fields: STEP_BREAK_POINT_SHAPE },
  createDetails: { kind: 'array', fields: CREATE_DETAIL_SHAPE },
  documentResends: { kind: 'array', fields: DOCUMENT_RESEND_SHAPE },
  manualReviewFlags: { kind: 'array', fields: MANUAL_REVIEW_FLAG_SHAPE },
  tellerCheckRecords: { kind: 'array', fields: TELLER_CHECK_RECORD_SHAPE },
} as const satisfies Shape;

/** A response item: the application plus the computed `abnormalPid` (added 2020/10/14). */
export const CREATE_INFO_ITEM_SHAPE = {
  ...APPLICATION_SHAPE,
  abnormalPid: { kind: 'stringList' },
} as const satisfies Shape;

type ScalarValue<F> = F extends { kind: 'boolean' } ? boolean : F extends { kind: 'integer' } ? number : string;
type ValueOf<F> = F extends ScalarField
  ? F extends { required: true } ? ScalarValue<F> : ScalarValue<F> | null
  : F extends CodeNameField ? CodeName | null
  : F extends StringListField ? string[]
  : F extends SpecialNamesField ? SpecialName[]
  : F extends { kind: 'object'; fields: infer S } ? ObjectOf<S> | null
  : F extends { kind: 'array'; fields: infer S } ? ObjectOf<S>[]
  : never;
/** The TypeScript type of a shape's objects. */
export type ObjectOf<S> = { -readonly [K in keyof S]: ValueOf<S[K]> };

/** A coded value and its Chinese name; present whenever the code is. */
export interface CodeName {
  code: string;
  name: string | null;
}
