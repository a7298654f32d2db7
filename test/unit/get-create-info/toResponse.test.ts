import { expect } from 'chai';
import type { Application } from '../../../core/get-create-info/Application.js';
import { CREATE_INFO_ITEM_SHAPE, type Shape } from '../../../core/get-create-info/createInfoShape.js';
import { toResponse } from '../../../core/get-create-info/toResponse.js';
import { anApplication } from '../../support/ApplicationMother.js';

function storedWithExtras(): Application {
  const record = anApplication().completed().withReviewFlag().withResend('EDD', ['EDD-1']).build();
  return {
    ...record,
    createDetails: record.createDetails.map((detail) => ({ ...detail, psd: 'ENCRYPTED', internalNote: 'x' }) as never),
  };
}

/** Every key path a value has, e.g. `createDetails[].industry.code`. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => keyPaths(item, `${prefix}[]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => [`${prefix}${prefix ? '.' : ''}${key}`, ...keyPaths(child, `${prefix}${prefix ? '.' : ''}${key}`)]);
}

function shapePaths(shape: Shape, prefix = ''): string[] {
  return Object.entries(shape).flatMap(([name, spec]) => {
    const path = `${prefix}${prefix ? '.' : ''}${name}`;
    if (spec.kind === 'object') return [path, ...shapePaths(spec.fields, path)];
    if (spec.kind === 'array') return [path, ...shapePaths(spec.fields, `${path}[]`)];
    if (spec.kind === 'codeName') return [path, `${path}.code`, `${path}.name`];
    return [path];
  });
}

describe('toResponse', () => {
  it('returns exactly the fields of the response shape, at every level', () => {
    const item = toResponse(storedWithExtras(), ['B123456789']);
    expect([...new Set(keyPaths(item))].sort()).to.deep.equal([...new Set(shapePaths(CREATE_INFO_ITEM_SHAPE))].sort());
  });

  it('never lets psd (or any field the shape does not list) leave', () => {
    const item = toResponse(storedWithExtras(), []);
    expect(item.createDetails[0]).not.to.have.property('psd');
    expect(item.createDetails[0]).not.to.have.property('internalNote');
  });

  it('uses the corrected spellings of SPEC 4', () => {
    const paths = keyPaths(toResponse(storedWithExtras(), []));
    for (const path of ['createDate', 'manualReviewFlags[].createDate', 'manualReviewFlags[].sameIpDiffEmail', 'manualReviewFlags[].sameIpWithDiffPid', 'manualReviewFlags[].sameIpWithDiffPidDatetime', 'documentResends[].resendRejectReason']) {
      expect(paths).to.include(path);
    }
    for (const misspelt of ['ceateDate', 'samelpDiffEmail', 'samelpWithDiffPid', 'samelpWithDiffPidDatetime', 'rejectReason']) {
      expect(paths.some((path) => path.split(/[.[\]]+/).includes(misspelt)), misspelt).to.equal(false);
    }
  });

  it('returns the lists as arrays and stepBreakPoint as one object (or null)', () => {
    const item = toResponse(storedWithExtras(), []);
    for (const list of ['createDetails', 'documentResends', 'manualReviewFlags', 'tellerCheckRecords'] as const) expect(item[list]).to.be.an('array');
    expect(item.manualReviewFlags[0]!.payTaxes).to.be.an('array');
    expect(item.stepBreakPoint).to.be.an('object').and.not.an('array');
    expect(toResponse({ ...storedWithExtras(), stepBreakPoint: null }, []).stepBreakPoint).to.equal(null);
  });

  it('carries abnormalPid as given', () => {
    expect(toResponse(storedWithExtras(), ['B123456789', 'C123456789']).abnormalPid).to.deep.equal(['B123456789', 'C123456789']);
  });
});
