import fc from 'fast-check';
import type { ApplicationRecord } from '../../core/get-create-info/Application.js';
import { APPLICATION_SHAPE, APPLY_PURPOSES, SPECIAL_BITS, type FieldSpec, type Shape } from '../../core/get-create-info/createInfoShape.js';
import { nextSerial } from './ApplicationMother.js';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Printable ASCII, CJK ideographs (Chinese names and addresses), Latin-1 and astral emoji. */
const character = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
  { weight: 4, arbitrary: fc.integer({ min: 0x4e00, max: 0x9fff }) },
  { weight: 1, arbitrary: fc.integer({ min: 0xa1, max: 0xff }) },
  { weight: 1, arbitrary: fc.integer({ min: 0x1f600, max: 0x1f64f }) },
).map((codePoint) => String.fromCodePoint(codePoint));

const text = (maxLength: number) => fc.string({ unit: character, maxLength });
const instant = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2037-12-31T23:59:59Z'), noInvalidDate: true });
const dateOf = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const timeOf = (d: Date) => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;

function valueOf(spec: FieldSpec): fc.Arbitrary<unknown> {
  switch (spec.kind) {
    case 'object':
      return fc.option(objectOf(spec.fields), { freq: 6 });
    case 'array':
      return fc.array(objectOf(spec.fields), { maxLength: 3 });
    case 'codeName':
      return fc.option(fc.record({ code: text(32), name: fc.option(text(100), { freq: 8 }) }), { freq: 8 });
    case 'stringList':
      return fc.array(text(64), { maxLength: 3 });
    case 'specialNames':
      return fc.subarray(SPECIAL_BITS.map(({ name }) => name));
    default: {
      const scalar = scalarOf(spec);
      return spec.required ? scalar : fc.option(scalar, { freq: 8 });
    }
  }
}

function scalarOf(spec: Extract<FieldSpec, { kind: 'string' | 'boolean' | 'integer' | 'date' | 'time' | 'dateTime' | 'isoDateTime' }>): fc.Arbitrary<unknown> {
  switch (spec.kind) {
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: 1, max: 2147483647 });
    case 'date':
      return instant.map(dateOf);
    case 'time':
      return instant.map(timeOf);
    case 'dateTime':
      return instant.map((d) => `${dateOf(d)} ${timeOf(d)}`);
    case 'isoDateTime':
      return instant.map((d) => d.toISOString());
    case 'string':
      if (spec.enum) return fc.constantFrom(...spec.enum);
      if (spec.pattern) return fc.subarray([...APPLY_PURPOSES], { minLength: 1 }).map((codes) => codes.join(','));
      return text(spec.maxLength ?? 64);
  }
}

function objectOf(shape: Shape): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(Object.fromEntries(Object.entries(shape).map(([name, spec]) => [name, valueOf(spec)])));
}

/**
 * Random complete applications: every field of the shape, random values (Chinese text
 * included). Keys are placeholders until `withConsistentKeys` gives them.
 */
export const anyApplication = objectOf(APPLICATION_SHAPE) as unknown as fc.Arbitrary<ApplicationRecord>;

/**
 * Gives an application the keys storage requires: a unique seqNo, children in ascending
 * seqNo order carrying it, flag details sharing their flag's key (SPEC 4).
 */
export function withConsistentKeys(application: ApplicationRecord, seqNo: string): ApplicationRecord {
  const app = structuredClone(application);
  app.seqNo = seqNo;
  if (app.stepBreakPoint) app.stepBreakPoint.seqNo = `${seqNo}-S`;
  app.createDetails.forEach((detail, index) => {
    detail.seqNo = `${seqNo}-D${index}`;
    detail.createMasterSeqNo = seqNo;
  });
  for (const resend of app.documentResends) {
    resend.seqNo = nextSerial();
    resend.createMasterSeqNo = seqNo;
  }
  for (const flag of app.manualReviewFlags) {
    flag.seqNo = nextSerial();
    flag.createMasterSeqNo = seqNo;
    for (const detail of [flag.amlFlagDetail, flag.ocrFlagDetail, flag.z21FlagDetail, flag.z22FlagDetail]) {
      if (detail) detail.seqNo = flag.seqNo;
    }
    if (flag.ocrFlagDetail) flag.ocrFlagDetail.createMasterSeqNo = seqNo;
    flag.aml = flag.amlFlagDetail ? flag.seqNo : null;
    flag.ocr = flag.ocrFlagDetail ? flag.seqNo : null;
    flag.z22 = flag.z22FlagDetail ? flag.seqNo : null;
    for (const tax of flag.payTaxes) tax.seqNo = nextSerial();
  }
  for (const record of app.tellerCheckRecords) {
    record.seqNo = nextSerial();
    record.createMasterSeqNo = seqNo;
  }
  return app;
}
