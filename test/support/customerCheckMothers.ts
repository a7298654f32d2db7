import type { CustomerCheckRequestFields } from '../../core/customer-check/messages.js';
import type { StoredBillingCustomer } from './InMemoryBillingCustomerRepository.js';

/** The seed's example customer, with three payments; override what a test is about. */
export function aBillingCustomer(overrides: Partial<StoredBillingCustomer> = {}): StoredBillingCustomer {
  return {
    companyId: '654321',
    billKey: '123456',
    contractNo: 'CONTRACT001',
    customerName: '张三',
    customerPhone: '13812345678',
    customerAddress: '北京市朝阳区建国路88号',
    customerStatus: '1',
    serviceStatus: '1',
    registerDate: '20200101',
    payments: [
      { payDate: '20231015', amount: 15000 },
      { payDate: '20231215', amount: 20000 },
      { payDate: '20231115', amount: 19000 },
    ],
    ...overrides,
  };
}

/** The seed's example `<in>` (queryType 0); override what a test is about. */
export function aCustomerCheckRequest(overrides: CustomerCheckRequestFields = {}): CustomerCheckRequestFields {
  return {
    Version: '1.0.1',
    InstId: '00001',
    TranCode: 'CustomerCheck',
    TranDate: '20240101',
    TranSeq: '123456789012',
    billKey: '123456',
    companyId: '654321',
    queryType: '0',
    contractNo: 'CONTRACT001',
    filed1: '',
    filed2: '',
    ...overrides,
  };
}
