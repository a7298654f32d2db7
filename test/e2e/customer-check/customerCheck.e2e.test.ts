import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDecoder } from 'node:util';
import { expect } from 'chai';
import { FixtureLoader } from '../../../adapters/persistence/fixtures/FixtureLoader.js';
import { projectRoot } from '../../../config/projectRoot.js';
import { outField, postBilling } from '../../support/customerCheckHttp.js';
import { opensslOpen, opensslSeal } from '../../support/openssl.js';
import { parsePrometheusText, sampleValue } from '../../support/prometheusText.js';
import { rawConversation } from '../../support/rawHttp.js';
import { startTestService, type TestService } from '../../support/startTestService.js';
import { DATABASE_KINDS } from '../../support/testDatabases.js';
import { aBillingCustomer } from '../../support/customerCheckMothers.js';

const fixture = (name: string) => readFileSync(join(projectRoot, 'test', 'fixtures', 'customer-check', name));
const REQUEST = fixture('customer-check-request.gbk.xml');
const GOLDEN_REPLY = fixture('customer-check-reply.gbk.xml');
const gbk = new TextDecoder('gbk', { fatal: true });

const PLAIN_KEY = 'demo-billing-api-key-00001';
const SM4_API_KEY = 'test-billing-sm4-key-00002';
const SM4_KEY = '00112233445566778899aabbccddeeff';
const AES_API_KEY = 'test-billing-aes-key-00003';
const AES_KEY = '2b7e151628aed2a6abf7158809cf4f3c';
const IV = '0f0e0d0c0b0a09080706050403020100';

const institutions = [
  { instId: '00001', apiKey: PLAIN_KEY, encryptType: 'NONE', key: '' },
  { instId: '00002', apiKey: SM4_API_KEY, encryptType: 'SM4', key: SM4_KEY },
  { instId: '00003', apiKey: AES_API_KEY, encryptType: 'AES', key: AES_KEY },
];

/** The seed's customer with a name GBK cannot hold, an ID number and an address that needs escaping in XML. */
const customers = [{ ...aBillingCustomer({ customerName: '张𠮷', customerAddress: '北京市朝阳区建国路88号 A&B座' }), idNo: '110105198001011234' }];

interface DemoCustomer {
  companyId: string;
  billKey: string;
  contractNo: string;
  customerName: string;
  idNo?: string;
  customerPhone?: string;
  payments: { payDate: string; amount: number }[];
}

const xmlHeaders = (apiKey = PLAIN_KEY, extra: Record<string, string> = {}) => ({
  'content-type': 'application/xml',
  'x-api-key': apiKey,
  ...extra,
});

/**
 * GBK bytes with ASCII markup edited. Seen as latin1 every byte is one character, and '<'
 * is never a GBK trail byte, so a match that starts with '<' is never half a character.
 */
function edited(bytes: Buffer, edit: (latin1: string) => string): Buffer {
  return Buffer.from(edit(bytes.toString('latin1')), 'latin1');
}
const requestWith = (edit: (latin1: string) => string) => edited(REQUEST, edit);

for (const kind of DATABASE_KINDS) {
  describe(`CustomerCheck over HTTP on ${kind}`, () => {
    let test: TestService;

    before(async () => {
      test = await startTestService(kind, { billing: { institutions } });
      await test.service.container.get(FixtureLoader).load({ billingCustomers: customers });
    });

    after(async () => {
      await test.stop();
    });

    describe('in clear', () => {
      it('answers the seed request with exactly the golden GBK bytes', async () => {
        const response = await postBilling(test.baseUrl, REQUEST, xmlHeaders());
        expect(response.status).to.equal(200);
        expect(response.bytes.toString('hex')).to.equal(GOLDEN_REPLY.toString('hex'));
      });

      it('sends the GBK content type, echoes X-Request-Id and reports X-Response-Time', async () => {
        const response = await postBilling(test.baseUrl, REQUEST, xmlHeaders(PLAIN_KEY, { 'x-request-id': 'bank-req-0001' }));
        expect(response.headers.get('content-type')).to.equal('application/xml; charset=GBK');
        expect(response.headers.get('x-request-id')).to.equal('bank-req-0001');
        expect(response.headers.get('x-response-time')).to.match(/^\d+(\.\d+)?ms$/);
        expect(response.headers.get('encrypttype')).to.equal('NONE');
      });

      it('looks a customer up by contractNo (queryType 1)', async () => {
        const body = requestWith((xml) => xml.replace('<queryType>0', '<queryType>1').replace('<billKey>123456', '<billKey>'));
        const response = await postBilling(test.baseUrl, body, xmlHeaders());
        expect(response.status).to.equal(200);
        expect(outField(response.bytes, 'billKey')).to.equal('123456');
      });

      it('reads a UTF-8 request by its declaration and still answers in GBK', async () => {
        const body = gbk.decode(REQUEST).replace('encoding="GBK"', 'encoding="UTF-8"');
        expect(body).to.contain('\u5907\u6ce8');
        const response = await postBilling(test.baseUrl, Buffer.from(body, 'utf8'), xmlHeaders());
        expect(response.status).to.equal(200);
        expect(response.bytes.toString('hex')).to.equal(GOLDEN_REPLY.toString('hex'));
      });

      it('answers the JSON variant in JSON, amounts as integers', async () => {
        const response = await postBilling(
          test.baseUrl,
          JSON.stringify({ Version: '1.0.1', InstId: '00001', TranCode: 'CustomerCheck', TranDate: '20240101', TranSeq: 'J1', queryType: 1, contractNo: 'CONTRACT001' }),
          { 'content-type': 'application/json', 'x-api-key': PLAIN_KEY, datatype: 'JSON' },
        );
        expect(response.status).to.equal(200);
        expect(response.headers.get('content-type')).to.equal('application/json; charset=UTF-8');
        const reply = JSON.parse(response.bytes.toString('utf8'));
        expect(reply).to.include({ TranCode: 'CustomerCheckRes', TranSeq: 'J1', RespCode: 'AAAAAAA', customerName: '张𠮷', totalPayCount: 3, totalPayAmount: 54000, lastPayDate: '20231215' });
      });
    });

    describe('business errors (HTTP 400)', () => {
      const expectReply = (response: { status: number; bytes: Buffer }, status: number, respCode: string) => {
        expect(response.status).to.equal(status);
        expect(outField(response.bytes, 'RespCode')).to.equal(respCode);
        expect(outField(response.bytes, 'TranCode')).to.equal('CustomerCheckRes');
      };

      it('answers an unknown customer with ENOCUST, echoing the header fields', async () => {
        const response = await postBilling(test.baseUrl, requestWith((xml) => xml.replace('<billKey>123456', '<billKey>999999')), xmlHeaders());
        expectReply(response, 400, 'ENOCUST');
        expect([outField(response.bytes, 'Version'), outField(response.bytes, 'InstId'), outField(response.bytes, 'TranDate'), outField(response.bytes, 'TranSeq')])
          .to.deep.equal(['1.0.1', '00001', '20240101', '123456789012']);
        expect(outField(response.bytes, 'customerName')).to.equal('');
      });

      it('answers a wrong TranCode with ETRANCD', async () => {
        const response = await postBilling(test.baseUrl, requestWith((xml) => xml.replace('<TranCode>CustomerCheck<', '<TranCode>PayBill<')), xmlHeaders());
        expectReply(response, 400, 'ETRANCD');
      });

      it('does not echo control characters back (sax lets raw ones through, not references)', async () => {
        const body = requestWith((xml) => xml.replace('<TranSeq>123456789012<', '<TranSeq>12\u000134<').replace('<TranCode>CustomerCheck<', '<TranCode>\u0002<'));
        const response = await postBilling(test.baseUrl, body, xmlHeaders());
        expectReply(response, 400, 'ETRANCD');
        expect([outField(response.bytes, 'TranSeq'), outField(response.bytes, 'Version')]).to.deep.equal(['', '1.0.1']);
        const reference = requestWith((xml) => xml.replace('<TranSeq>123456789012<', '<TranSeq>12&#1;34<'));
        expectReply(await postBilling(test.baseUrl, reference, xmlHeaders()), 400, 'EPARAM1');
      });

      it('answers a malformed field with EPARAM1 naming it', async () => {
        const response = await postBilling(test.baseUrl, requestWith((xml) => xml.replace('<TranDate>20240101', '<TranDate>20241301')), xmlHeaders());
        expectReply(response, 400, 'EPARAM1');
        expect(gbk.decode(response.bytes)).to.contain('TranDate');
      });

      it('answers truncated XML with EPARAM1, echoing what could be read', async () => {
        const response = await postBilling(test.baseUrl, REQUEST.subarray(0, 180), xmlHeaders());
        expectReply(response, 400, 'EPARAM1');
        expect(outField(response.bytes, 'InstId')).to.equal('00001');
      });

      it('answers the billion laughs with EPARAM1', async () => {
        const lols = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
        const body = `<?xml version="1.0"?><!DOCTYPE in [<!ENTITY lol0 "lol">${lols}]><in><Version>1.0.1</Version><filed1>&lol9;</filed1></in>`;
        expectReply(await postBilling(test.baseUrl, body, xmlHeaders()), 400, 'EPARAM1');
      });

      it('answers an external entity (XXE) with EPARAM1 and never the file', async () => {
        const body = `<?xml version="1.0"?><!DOCTYPE in [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><in><TranSeq>&xxe;</TranSeq></in>`;
        const response = await postBilling(test.baseUrl, body, xmlHeaders());
        expectReply(response, 400, 'EPARAM1');
        expect(response.bytes.toString('latin1')).not.to.contain('root:');
      });

      it('answers invalid GBK bytes with EPARAM1', async () => {
        const body = Buffer.concat([REQUEST.subarray(0, 100), Buffer.from([0x81, 0x20]), REQUEST.subarray(100)]);
        expectReply(await postBilling(test.baseUrl, body, xmlHeaders()), 400, 'EPARAM1');
      });

      it('answers an unknown content type with EPARAM1 in XML', async () => {
        const response = await postBilling(test.baseUrl, REQUEST, { 'content-type': 'text/plain', 'x-api-key': PLAIN_KEY });
        expectReply(response, 400, 'EPARAM1');
        expect(response.headers.get('content-type')).to.equal('application/xml; charset=GBK');
      });

      it('answers a DataType that contradicts the Content-Type with EPARAM1', async () => {
        expectReply(await postBilling(test.baseUrl, REQUEST, xmlHeaders(PLAIN_KEY, { datatype: 'JSON' })), 400, 'EPARAM1');
      });

      it('answers a body over the limit with 413 and EPARAM1', async () => {
        const body = Buffer.concat([REQUEST, Buffer.alloc(test.config.http.bodyLimitBytes, 0x20)]);
        expectReply(await postBilling(test.baseUrl, body, xmlHeaders()), 413, 'EPARAM1');
      });
    });

    describe('security (HTTP 403)', () => {
      const expectSecure = (response: { status: number; bytes: Buffer }) => {
        expect(response.status).to.equal(403);
        expect(outField(response.bytes, 'RespCode')).to.equal('ESECURE');
      };

      it('refuses a missing or wrong X-Api-Key without reading the body, so echoing nothing of it', async () => {
        const missing = await postBilling(test.baseUrl, REQUEST, { 'content-type': 'application/xml' });
        expectSecure(missing);
        const wrong = await postBilling(test.baseUrl, REQUEST, xmlHeaders('demo-billing-api-key-00009'));
        expectSecure(wrong);
        expect(outField(wrong.bytes, 'TranSeq')).to.equal('');
        expect(outField(wrong.bytes, 'InstId')).to.equal('');
      });

      it('answers a wrong X-Api-Key before the body is even sent, then closes the connection', async () => {
        const conversation = await rawConversation(Number(new URL(test.baseUrl).port));
        try {
          conversation.write(
            'POST /billing/CustomerCheck HTTP/1.1\r\nHost: x\r\nContent-Type: application/xml\r\n' +
              `X-Api-Key: demo-billing-api-key-00009\r\nContent-Length: ${test.config.http.bodyLimitBytes}\r\n\r\n`,
          );
          await conversation.until('</out>');
          expect(conversation.received()).to.match(/^HTTP\/1\.1 403 /);
          expect(conversation.received()).to.match(/\r\nconnection: close\r\n/i);
          expect(conversation.received()).to.contain('<RespCode>ESECURE</RespCode>');
          expect(await conversation.closedByServer(5000)).to.equal(true);
        } finally {
          conversation.destroy();
        }
      });

      it('checks the API key before the format, and answers a refused JSON caller in JSON', async () => {
        expectSecure(await postBilling(test.baseUrl, REQUEST, { 'content-type': 'text/plain', 'x-api-key': 'not-a-billing-key-at-all' }));
        const json = await postBilling(test.baseUrl, JSON.stringify({ Version: '1.0.1', InstId: '00001', TranSeq: 'J9' }), {
          'content-type': 'application/json',
          'x-api-key': 'not-a-billing-key-at-all',
        });
        expect(json.status).to.equal(403);
        expect(json.headers.get('content-type')).to.equal('application/json; charset=UTF-8');
        expect(JSON.parse(json.bytes.toString('utf8'))).to.deep.equal({ TranCode: 'CustomerCheckRes', RespCode: 'ESECURE', RespMessage: '安全校验失败：X-Api-Key 无效' });
      });

      it('refuses a body whose InstId is not the key’s', async () => {
        expectSecure(await postBilling(test.baseUrl, requestWith((xml) => xml.replace('<InstId>00001', '<InstId>00003')), xmlHeaders()));
      });

      it('keeps API keys and customer data out of the logs', async () => {
        await postBilling(test.baseUrl, REQUEST, xmlHeaders());
        const logs = JSON.stringify(test.logs);
        for (const secret of [PLAIN_KEY, SM4_KEY, '13812345678', '张', '建国路']) expect(logs).not.to.contain(secret);
        expect(test.logs.some((line) => line.route === '/billing/CustomerCheck' && line.consumer === 'billing:00001')).to.equal(true);
      });
    });

    const encrypted = [
      { name: 'SM4', cipher: 'sm4-cbc', apiKey: SM4_API_KEY, key: SM4_KEY, instId: '00002' },
      { name: 'AES', cipher: 'aes-128-cbc', apiKey: AES_API_KEY, key: AES_KEY, instId: '00003' },
    ] as const;
    for (const { name, cipher, apiKey, key, instId } of encrypted) {
      describe(`${name}-CBC institution`, () => {
        const plainRequest = requestWith((xml) => xml.replace('<InstId>00001', `<InstId>${instId}`));
        const headers = xmlHeaders(apiKey, { encrypttype: name, encryptmode: 'CBC', datatype: 'XML' });

        it('answers a request openssl encrypted with a reply openssl decrypts to the golden bytes', async () => {
          const response = await postBilling(test.baseUrl, opensslSeal(cipher, key, IV, plainRequest), headers);
          expect(response.status).to.equal(200);
          expect(response.headers.get('encrypttype')).to.equal(name);
          const expected = edited(GOLDEN_REPLY, (xml) => xml.replace('<InstId>00001<', `<InstId>${instId}<`));
          expect(opensslOpen(cipher, key, response.bytes.toString('latin1')).toString('hex')).to.equal(expected.toString('hex'));
        });

        it('takes the format from DataType when the encrypted body is sent as text/plain', async () => {
          const response = await postBilling(test.baseUrl, opensslSeal(cipher, key, IV, plainRequest), { ...headers, 'content-type': 'text/plain' });
          expect(response.status).to.equal(200);
          expect(outField(opensslOpen(cipher, key, response.bytes.toString('latin1')), 'RespCode')).to.equal('AAAAAAA');
        });

        it('refuses, encrypted, a body whose InstId is another institution’s', async () => {
          const othersInstId = REQUEST; // InstId 00001, the plain institution's
          const response = await postBilling(test.baseUrl, opensslSeal(cipher, key, IV, othersInstId), headers);
          expect(response.status).to.equal(403);
          expect(outField(opensslOpen(cipher, key, response.bytes.toString('latin1')), 'RespCode')).to.equal('ESECURE');
        });

        it('encrypts error replies too once the request was opened', async () => {
          const unknown = requestWith((xml) => xml.replace('<InstId>00001', `<InstId>${instId}`).replace('<billKey>123456', '<billKey>000000'));
          const response = await postBilling(test.baseUrl, opensslSeal(cipher, key, IV, unknown), headers);
          expect(response.status).to.equal(400);
          expect(outField(opensslOpen(cipher, key, response.bytes.toString('latin1')), 'RespCode')).to.equal('ENOCUST');
        });

        it('refuses the same request in clear (EncryptType NONE)', async () => {
          const response = await postBilling(test.baseUrl, plainRequest, xmlHeaders(apiKey, { encrypttype: 'NONE' }));
          expectPlainSecure(response);
        });

        /** The one answer of SPEC 6 for every failure at or after decryption, opened with openssl. */
        const expectUnreadable = (response: { status: number; bytes: Buffer; headers: Headers }) => {
          expect(response.status).to.equal(403);
          expect(response.headers.get('encrypttype')).to.equal(name);
          const plain = opensslOpen(cipher, key, response.bytes.toString('latin1'));
          expect(outField(plain, 'RespCode')).to.equal('ESECURE');
          expect(outField(plain, 'TranSeq')).to.equal('');
          return plain;
        };

        it('refuses bad ciphertext with the sealed answer that echoes nothing', async () => {
          const sealed = Buffer.from(opensslSeal(cipher, key, IV, plainRequest), 'base64');
          sealed[sealed.length - 1]! ^= 0xff;
          expectUnreadable(await postBilling(test.baseUrl, sealed.toString('base64'), headers));
          expectUnreadable(await postBilling(test.baseUrl, 'not base64 at all!', headers));
        });

        it('refuses a request sealed under another key', async () => {
          const otherKey = key.replace(/^..../, 'ffff');
          const response = await postBilling(test.baseUrl, opensslSeal(cipher, otherKey, IV, Buffer.alloc(64, 0x41)), headers);
          expectUnreadable(response);
        });

        it('gives bad padding, a wrong length, good padding with garbage and bad base64 one identical answer (no padding oracle)', async () => {
          const sealed = Buffer.from(opensslSeal(cipher, key, IV, plainRequest), 'base64');
          const badPadding = Buffer.from(sealed);
          badPadding[badPadding.length - 1]! ^= 0x01;
          const bodies = {
            'bad padding': badPadding.toString('base64'),
            'wrong length': sealed.subarray(0, sealed.length - 5).toString('base64'),
            'good padding, garbage': opensslSeal(cipher, key, IV, Buffer.from('\x01\xfe garbage, no document <in', 'latin1')),
            'bad base64': `${sealed.toString('base64').slice(0, -8)}!!!!====`,
          };
          const answers = [];
          for (const [kind, body] of Object.entries(bodies)) {
            const response = await postBilling(test.baseUrl, body, headers);
            const headerLines = [...response.headers].filter(([header]) => !['date', 'x-request-id', 'x-response-time'].includes(header));
            const envelope = Buffer.from(response.bytes.toString('latin1'), 'base64');
            answers.push({ kind, status: response.status, headerLines, length: response.bytes.length, plain: expectUnreadable(response).toString('hex'), envelope });
          }
          const [first, ...others] = answers;
          for (const other of others) {
            expect({ ...other, kind: first!.kind, envelope: undefined }, other.kind).to.deep.equal({ ...first, envelope: undefined });
            // Only the IV (and so the ciphertext under it) differs from one answer to the next.
            expect(other.envelope.subarray(0, 16).equals(first!.envelope.subarray(0, 16)), other.kind).to.equal(false);
          }
        });

        it('counts every ESECURE of the institution in a metric operators can alert on', async () => {
          const refusals = async () =>
            sampleValue(parsePrometheusText(await (await fetch(`${test.baseUrl}/metrics`)).text()), 'midplat_billing_security_refusals_total', { inst_id: instId, check: 'envelope' });
          const before = await refusals();
          await postBilling(test.baseUrl, 'not base64 at all!', headers);
          await postBilling(test.baseUrl, opensslSeal(cipher, key, IV, Buffer.from('garbage', 'latin1')), headers);
          expect(await refusals()).to.equal(before + 2);
        });
      });
    }

    function expectPlainSecure(response: { status: number; bytes: Buffer; headers: Headers }): void {
      expect(response.status).to.equal(403);
      expect(response.headers.get('encrypttype')).to.equal('NONE');
      expect(outField(response.bytes, 'RespCode')).to.equal('ESECURE');
    }

    describe('demo data', () => {
      it('serves every demo customer back as loaded, rare characters included', async () => {
        const demo = JSON.parse(readFileSync(join(projectRoot, 'config', 'demo', 'billing.json'), 'utf8')) as { billingCustomers: DemoCustomer[] };
        // The suite's own customers share keys with the demo's; the demo replaces them here.
        await test.service.container.get(FixtureLoader).load(demo, 'replace');
        for (const customer of demo.billingCustomers) {
          const response = await postBilling(
            test.baseUrl,
            JSON.stringify({ Version: '1.0.1', InstId: '00001', TranCode: 'CustomerCheck', TranDate: '20240101', TranSeq: 'D1', queryType: '0', companyId: customer.companyId, billKey: customer.billKey }),
            { 'content-type': 'application/json', 'x-api-key': PLAIN_KEY },
          );
          const reply = JSON.parse(response.bytes.toString('utf8'));
          const { payments, ...fields }: Partial<DemoCustomer> & Pick<DemoCustomer, 'payments'> = { ...customer };
          delete fields.idNo; // stored, never answered
          expect(reply).to.deep.include({
            ...fields,
            customerPhone: customer.customerPhone ?? '',
            totalPayCount: payments.length,
            totalPayAmount: payments.reduce((sum, payment) => sum + payment.amount, 0),
            lastPayDate: payments.map((payment) => payment.payDate).sort().at(-1) ?? '',
          });
        }
        expect(demo.billingCustomers.some((customer) => /[\u{20000}-\u{2FFFF}]/u.test(customer.customerName))).to.equal(true);
      });
    });

    describe('system errors (HTTP 500)', () => {
      it('answers ESYSTEM without details when the database fails', async () => {
        await test.service.database.sequelize.query('DROP TABLE billing_payments');
        const response = await postBilling(test.baseUrl, REQUEST, xmlHeaders());
        expect(response.status).to.equal(500);
        expect(outField(response.bytes, 'RespCode')).to.equal('ESYSTEM');
        expect(gbk.decode(response.bytes)).not.to.match(/billing_payments|SQL|Error/i);
        expect(test.logs.some((line) => line.msg === 'request failed' && line.operation === 'CustomerCheck')).to.equal(true);
      });
    });
  });
}
