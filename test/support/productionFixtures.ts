import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../config/projectRoot.js';
import { postBilling, outField } from './customerCheckHttp.js';
import { aMemberFixture } from './MemberMother.js';

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * A bank's own data that shares keys with the demo set: customer 654321/123456 with
 * another address and one payment, member M0000000001 and KYC user 100000001 with other
 * values, and an application under a new seqNo whose children keep the demo's keys.
 */
export function bankDataCollidingWithTheDemo(): { fixture: object; applicationSeqNo: string } {
  const demo = JSON.parse(readFileSync(join(projectRoot, 'config', 'demo', 'applications.json'), 'utf8')) as { applications: Record<string, unknown>[] };
  const original = demo.applications[0]!;
  const applicationSeqNo = '0ABANK0000000000000000000000000001';
  const application = JSON.parse(JSON.stringify(original), (_key, value: unknown) => (value === original.seqNo ? applicationSeqNo : value)) as Record<string, unknown>;
  application.idno = 'Z100000001';
  return {
    applicationSeqNo,
    fixture: {
      members: [aMemberFixture({ memberId: 'M0000000001', name: '本行客戶', accountId: 'BANK-ACC-1', eddaStatus: 'New' })],
      kycProfiles: [{ uid: '100000001', walletStatus: 'BANNED' }],
      billingCustomers: [
        {
          companyId: '654321', billKey: '123456', contractNo: 'BANK-CONTRACT-1', customerName: '本行客户', customerAddress: '上海市浦东新区世纪大道100号',
          customerStatus: '1', serviceStatus: '1', registerDate: '20190101', payments: [{ payDate: '20250101', amount: 4200 }],
        },
      ],
      applications: [application],
    },
  };
}

/** CustomerCheck of one customer in clear, as a partner bank sends it; the reply's GBK `<out>` fields. */
export async function customerCheck(baseUrl: string, apiKey: string, billKey: string): Promise<{ status: number; field: (name: string) => string | undefined }> {
  const body =
    '<?xml version="1.0" encoding="UTF-8"?><in><Version>1.0.1</Version><InstId>00001</InstId><TranCode>CustomerCheck</TranCode>' +
    `<TranDate>20240101</TranDate><TranSeq>1</TranSeq><billKey>${billKey}</billKey><companyId>654321</companyId><queryType>0</queryType></in>`;
  const reply = await postBilling(baseUrl, body, { 'content-type': 'application/xml', 'x-api-key': apiKey });
  return { status: reply.status, field: (name) => outField(reply.bytes, name) };
}
