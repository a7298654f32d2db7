import { expect } from 'chai';
import { JsonCodec } from '../../../adapters/codec/customer-check/JsonCodec.js';
import { BillingParameterInvalid } from '../../../core/customer-check/errors.js';
import { thrownBy } from '../../support/thrownBy.js';

const codec = new JsonCodec();
const json = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8');

const refusal = (action: () => unknown) => thrownBy(action, BillingParameterInvalid);

describe('JsonCodec', () => {
  it('reads the seed field names, numbers as their text, and ignores other keys', () => {
    expect(codec.decode(json({ TranCode: 'CustomerCheck', queryType: 1, billKey: '12', InstId: null, extra: { a: 1 } }), undefined)).to.deep.equal({
      TranCode: 'CustomerCheck',
      queryType: '1',
      billKey: '12',
    });
  });

  it('refuses invalid UTF-8, non-objects and a field of the wrong type, naming it', () => {
    refusal(() => codec.decode(Buffer.from([0x7b, 0xc3, 0x28, 0x7d]), undefined));
    refusal(() => codec.decode(json(['CustomerCheck']), undefined));
    refusal(() => codec.decode(Buffer.from('{"Version": '), undefined));
    expect(refusal(() => codec.decode(json({ TranSeq: ['1'] }), undefined)).field).to.equal('TranSeq');
  });

  it('refuses a charset other than UTF-8', () => {
    refusal(() => codec.decode(json({}), 'GBK'));
  });

  it('writes the reply fields in the seed order, the totals as integers, astral characters as they are', () => {
    const text = Buffer.from(codec.encode({ totalPayAmount: 54000, RespCode: 'AAAAAAA', customerName: '吉𠮷', totalPayCount: 3 })).toString('utf8');
    expect(text).to.equal('{"RespCode":"AAAAAAA","customerName":"吉𠮷","totalPayCount":3,"totalPayAmount":54000}');
  });

  it('salvages the header fields of a refused body, and nothing from garbage', () => {
    expect(codec.salvage(json({ Version: '1.0.1', TranSeq: 42, InstId: '<x>', TranCode: 'CustomerCheck' }))).to.deep.equal({ Version: '1.0.1', TranSeq: '42' });
    expect(codec.salvage(Buffer.from('{"Version": "1.0.1"'))).to.deep.equal({});
  });
});
