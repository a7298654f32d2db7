import { expect } from 'chai';
import { CustomerCheck } from '../../../core/customer-check/CustomerCheck.js';
import { errorReply } from '../../../core/customer-check/CustomerCheckReply.js';
import { BillingCustomerNotFound, BillingParameterInvalid, WrongTranCode } from '../../../core/customer-check/errors.js';
import { aBillingCustomer, aCustomerCheckRequest } from '../../support/customerCheckMothers.js';
import { InMemoryBillingCustomerRepository } from '../../support/InMemoryBillingCustomerRepository.js';
import { rejectionOf } from '../../support/rejectionOf.js';

describe('CustomerCheck', () => {
  let customers: InMemoryBillingCustomerRepository;
  let customerCheck: CustomerCheck;

  beforeEach(() => {
    customers = new InMemoryBillingCustomerRepository().add(aBillingCustomer());
    customerCheck = new CustomerCheck(customers);
  });

  it('answers a billKey query with the customer, its payment summary and the echoed header', async () => {
    const reply = await customerCheck.execute(aCustomerCheckRequest({ TranSeq: 'SEQ42' }));
    expect(reply).to.deep.equal({
      Version: '1.0.1',
      InstId: '00001',
      TranCode: 'CustomerCheckRes',
      TranDate: '20240101',
      TranSeq: 'SEQ42',
      RespCode: 'AAAAAAA',
      RespMessage: '查询成功',
      billKey: '123456',
      companyId: '654321',
      contractNo: 'CONTRACT001',
      customerName: '张三',
      customerPhone: '13812345678',
      customerAddress: '北京市朝阳区建国路88号',
      customerStatus: '1',
      serviceStatus: '1',
      registerDate: '20200101',
      lastPayDate: '20231215',
      totalPayCount: 3,
      totalPayAmount: 54000,
      filed1: '',
      filed2: '',
      filed3: '',
    });
  });

  it('looks a customer up by billKey within companyId for queryType 0', async () => {
    await customerCheck.execute(aCustomerCheckRequest({ contractNo: 'IGNORED' }));
    expect(customers.queries).to.deep.equal([{ queryType: '0', companyId: '654321', billKey: '123456' }]);
  });

  it('does not find a billKey under another company', async () => {
    const error = await rejectionOf(customerCheck.execute(aCustomerCheckRequest({ companyId: '999999' })), BillingCustomerNotFound);
    expect(error).to.be.instanceOf(BillingCustomerNotFound);
    expect(error.code).to.equal('ENOCUST');
  });

  it('looks a customer up by contractNo for queryType 1, without needing billKey', async () => {
    const reply = await customerCheck.execute(aCustomerCheckRequest({ queryType: '1', billKey: '', companyId: '' }));
    expect(customers.queries).to.deep.equal([{ queryType: '1', contractNo: 'CONTRACT001' }]);
    expect(reply.billKey).to.equal('123456');
  });

  it('answers a customer who never paid with an empty lastPayDate and zero totals', async () => {
    customers.add(aBillingCustomer({ billKey: 'NOPAY', contractNo: 'C-NOPAY', payments: [] }));
    const reply = await customerCheck.execute(aCustomerCheckRequest({ billKey: 'NOPAY' }));
    expect([reply.lastPayDate, reply.totalPayCount, reply.totalPayAmount]).to.deep.equal(['', 0, 0]);
  });

  it('ignores the whitespace of pretty-printed XML around values', async () => {
    const reply = await customerCheck.execute(aCustomerCheckRequest({ billKey: '\n  123456\n', TranSeq: ' 1 ' }));
    expect(reply.TranSeq).to.equal('1');
  });

  it('refuses another TranCode with ETRANCD before checking other fields', async () => {
    const error = await rejectionOf(customerCheck.execute(aCustomerCheckRequest({ TranCode: 'PayBill', TranDate: 'bad' })), WrongTranCode);
    expect(error).to.be.instanceOf(WrongTranCode);
    expect(error.code).to.equal('ETRANCD');
    expect(customers.queries).to.deep.equal([]);
  });

  const malformed: [string, Record<string, string>][] = [
    ['TranCode', { TranCode: '' }],
    ['Version', { Version: '' }],
    ['InstId', { InstId: '0 1' }],
    ['TranDate', { TranDate: '20240230' }],
    ['TranDate', { TranDate: '2024-01-01' }],
    ['TranSeq', { TranSeq: 'x'.repeat(33) }],
    ['queryType', { queryType: '2' }],
    ['billKey', { billKey: '' }],
    ['companyId', { companyId: '   ' }],
    ['billKey', { billKey: 'a\u0000b' }],
    ['filed1', { filed1: 'x'.repeat(257) }],
  ];
  for (const [field, overrides] of malformed) {
    it(`refuses ${JSON.stringify(overrides).slice(0, 40)} with EPARAM1 naming ${field}`, async () => {
      const error = await rejectionOf(customerCheck.execute(aCustomerCheckRequest(overrides)));
      expect(error).to.be.instanceOf(BillingParameterInvalid);
      expect((error as BillingParameterInvalid).field).to.equal(field);
      expect((error as BillingParameterInvalid).message).to.contain(field);
      expect(customers.queries).to.deep.equal([]);
    });
  }

  it('requires contractNo for queryType 1', async () => {
    const error = await rejectionOf(customerCheck.execute(aCustomerCheckRequest({ queryType: '1', contractNo: '' })));
    expect((error as BillingParameterInvalid).field).to.equal('contractNo');
  });

  it('requires a field that is absent altogether', async () => {
    const withoutTranSeq = aCustomerCheckRequest();
    delete withoutTranSeq.TranSeq;
    const error = await rejectionOf(customerCheck.execute(withoutTranSeq));
    expect((error as BillingParameterInvalid).field).to.equal('TranSeq');
  });

  it('echoes in an error reply only header fields that look like header fields', () => {
    const reply = errorReply({ Version: ' 1.0.1 ', InstId: '0\u00010', TranDate: 'x'.repeat(65), TranSeq: '42', billKey: '123' }, 'EPARAM1', '参数错误');
    expect(reply).to.deep.equal({ TranCode: 'CustomerCheckRes', RespCode: 'EPARAM1', RespMessage: '参数错误', Version: '1.0.1', TranSeq: '42' });
  });
});
