import { Ajv } from 'ajv';
import { expect } from 'chai';
import { objectSchema } from '../../../adapters/json-schema/get-create-info/createInfoJsonSchema.js';
import { APPLICATION_SHAPE, CREATE_INFO_ITEM_SHAPE } from '../../../core/get-create-info/createInfoShape.js';
import { toResponse } from '../../../core/get-create-info/toResponse.js';
import { anApplication } from '../../support/ApplicationMother.js';

const ajv = new Ajv({ strict: false });
const validResponseItem = ajv.compile(objectSchema(CREATE_INFO_ITEM_SHAPE, 'response'));
const validFixtureItem = ajv.compile(objectSchema(APPLICATION_SHAPE, 'fixture'));

function fixtureWith(change: (item: any) => void): unknown {
  const item: any = anApplication().completed().withReviewFlag().withResend('FIRST_CERTIFICATE', ['OCR1']).build();
  change(item);
  return item;
}

describe('GetCreateInfo schemas', () => {
  it('describe a complete response item', () => {
    const record = anApplication().completed().withReviewFlag().withResend('FINANCIAL_PROOF', ['img']).build();
    const item = toResponse({ ...record, createDetails: record.createDetails.map((d) => ({ ...d, psd: null })) }, ['B123456789']);
    expect(validResponseItem(item), JSON.stringify(validResponseItem.errors)).to.equal(true);
  });

  it('accept a fixture item that gives only the keys', () => {
    expect(validFixtureItem({ seqNo: 'S1', createDate: '2026-11-02', createTime: '10:00:00' })).to.equal(true);
    expect(validFixtureItem({ seqNo: 'S1', createDate: '2026-11-02' })).to.equal(false);
  });

  const refused: [string, (item: any) => void][] = [
    ['the misspelt ceateDate', (item) => (item.manualReviewFlags[0].ceateDate = '2026-11-02')],
    ['the misspelt samelpDiffEmail', (item) => (item.manualReviewFlags[0].samelpDiffEmail = true)],
    ['the misspelt samelpWithDiffPid', (item) => (item.manualReviewFlags[0].samelpWithDiffPid = true)],
    ['rejectReason instead of resendRejectReason', (item) => (item.documentResends[0].rejectReason = '')],
    ['a number where the table says string (birthYear: 94)', (item) => (item.createDetails[0].birthYear = 94)],
    ['a number where the table says string (acverinputBank: 808)', (item) => (item.createDetails[0].acverinputBank = 808)],
    ['stepBreakPoint as an array', (item) => (item.stepBreakPoint = [item.stepBreakPoint])],
    ['createDetails as one object', (item) => (item.createDetails = item.createDetails[0])],
    ['a psd (never stored from fixtures, never returned)', (item) => (item.createDetails[0].psd = 'x')],
    ['an abnormalPid (it is computed)', (item) => (item.abnormalPid = [])],
    ['a date not in YYYY-MM-DD', (item) => (item.createDate = '2026/11/02')],
    ['a date-time not in YYYY-MM-DD HH:mm:ss', (item) => (item.lastStepDateTime = '2026-11-02T10:30:00Z')],
    ['agreedDate not in ISO form', (item) => (item.createDetails[0].agreedDate = '2026-11-02 10:30:00')],
    ['applyPurpose codes the seed does not list (BILL,DEPOSIT)', (item) => (item.createDetails[0].applyPurpose = 'BILL,DEPOSIT')],
    ['special as a number', (item) => (item.manualReviewFlags[0].special = 1)],
    ['an unknown special name', (item) => (item.manualReviewFlags[0].special = ['Unknown'])],
    ['an unknown resend category', (item) => (item.documentResends[0].category = 'PHOTO')],
  ];
  for (const [what, change] of refused) {
    it(`refuse in a fixture item ${what}`, () => {
      expect(validFixtureItem(fixtureWith(() => undefined))).to.equal(true);
      expect(validFixtureItem(fixtureWith(change))).to.equal(false);
    });
  }

  it('accept applyPurpose as comma-joined codes', () => {
    expect(validFixtureItem(fixtureWith((item) => (item.createDetails[0].applyPurpose = 'DEPOSIT_TRANSACTION,INVESTMENT,LOAN,E_BILL')))).to.equal(true);
  });
});
