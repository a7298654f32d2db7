import { expect } from 'chai';
import { BillingEnvelopeUnreadable, BillingSecurityRejected } from '../../../adapters/http/customer-check/errors.js';
import type { InstitutionConfig } from '../../../plugins/customer-check-crypto/InstitutionConfig.js';
import { buildInstitutionDirectory } from '../../../plugins/customer-check-crypto/customerCheckCryptoModule.js';
import { opensslOpen, opensslSeal } from '../../support/openssl.js';
import { thrownBy } from '../../support/thrownBy.js';

const SM4_KEY = '0123456789abcdeffedcba9876543210';
const AES128_KEY = '000102030405060708090a0b0c0d0e0f';
const AES256_KEY = '603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4';
const IV = 'a0a1a2a3a4a5a6a7a8a9aaabacadaeaf';

const institutions: InstitutionConfig[] = [
  { instId: '00001', apiKey: 'plain-institution-key-1', encryptType: 'NONE', key: '' },
  { instId: '00002', apiKey: 'sm4-institution-key-0002', encryptType: 'SM4', key: SM4_KEY },
  { instId: '00003', apiKey: 'aes-institution-key-0003', encryptType: 'AES', key: AES128_KEY },
  { instId: '00004', apiKey: 'aes256-institution-key-04', encryptType: 'AES', key: AES256_KEY },
];
const directory = buildInstitutionDirectory(institutions);
const message = Buffer.from('<?xml version="1.0" encoding="GBK"?><in><InstId>00002</InstId></in>', 'latin1');

function refusal(action: () => unknown): BillingSecurityRejected {
  const error = thrownBy(action, BillingSecurityRejected);
  expect(error.code).to.equal('ESECURE');
  return error;
}

describe('institution crypto plugins', () => {
  describe('the directory', () => {
    it('finds the institution an API key belongs to', () => {
      expect(directory.identify('sm4-institution-key-0002').instId).to.equal('00002');
      expect(directory.identify('plain-institution-key-1').encryptType).to.equal('NONE');
    });

    it('refuses a missing, unknown or nearly right key with ESECURE', () => {
      refusal(() => directory.identify(undefined));
      refusal(() => directory.identify(''));
      refusal(() => directory.identify('sm4-institution-key-0003'));
      refusal(() => directory.identify('sm4-institution-key-00022'));
    });
  });

  const ciphers = [
    { name: 'SM4', cipher: 'sm4-cbc', apiKey: 'sm4-institution-key-0002', key: SM4_KEY },
    { name: 'AES-128', cipher: 'aes-128-cbc', apiKey: 'aes-institution-key-0003', key: AES128_KEY },
    { name: 'AES-256', cipher: 'aes-256-cbc', apiKey: 'aes256-institution-key-04', key: AES256_KEY },
  ] as const;
  for (const { name, cipher, apiKey, key } of ciphers) {
    describe(name, () => {
      const institution = directory.identify(apiKey);
      const headers = { encryptType: name.slice(0, 3), encryptMode: 'CBC' };

      it('opens a body that openssl sealed', () => {
        const body = Buffer.from(opensslSeal(cipher, key, IV, message), 'latin1');
        expect(Buffer.from(institution.open(body, headers))).to.deep.equal(message);
      });

      it('seals a reply that openssl opens, with a fresh IV each time', () => {
        const first = institution.seal(message);
        const second = institution.seal(message);
        expect(opensslOpen(cipher, key, first)).to.deep.equal(message);
        expect(Buffer.from(first).subarray(0, 22)).not.to.deep.equal(Buffer.from(second).subarray(0, 22));
      });

      it('accepts base64 wrapped over several lines', () => {
        const wrapped = opensslSeal(cipher, key, IV, message).replace(/(.{64})/g, '$1\r\n');
        expect(Buffer.from(institution.open(Buffer.from(wrapped, 'latin1'), headers))).to.deep.equal(message);
      });

      it('refuses a body sealed under another key', () => {
        const otherKey = key.replace(/^../, key.startsWith('ff') ? '00' : 'ff');
        const body = Buffer.from(opensslSeal(cipher, otherKey, IV, Buffer.alloc(40, 0x41)), 'latin1');
        refusal(() => institution.open(body, headers));
      });

      it('refuses bodies that are not an envelope: not base64, too short, not whole blocks', () => {
        refusal(() => institution.open(message, headers));
        refusal(() => institution.open(Buffer.from(Buffer.alloc(16).toString('base64')), headers));
        refusal(() => institution.open(Buffer.from(Buffer.alloc(40).toString('base64')), headers));
      });

      it('fails bad base64, a wrong length and bad padding with one error and one message (no padding oracle)', () => {
        const sealed = Buffer.from(opensslSeal(cipher, key, IV, message), 'base64');
        const badPadding = Buffer.from(sealed);
        badPadding[badPadding.length - 1]! ^= 0x01;
        const bodies = {
          base64: Buffer.from('not*base64', 'latin1'),
          length: Buffer.from(sealed.subarray(0, sealed.length - 3).toString('base64'), 'latin1'),
          padding: Buffer.from(badPadding.toString('base64'), 'latin1'),
        };
        for (const [cause, body] of Object.entries(bodies)) {
          const error = refusal(() => institution.open(body, headers));
          expect(error).to.be.instanceOf(BillingEnvelopeUnreadable);
          expect(error.message).to.equal('安全校验失败：报文无法解密');
          expect((error as BillingEnvelopeUnreadable).unreadableCause).to.equal(cause);
        }
      });

      it('refuses the request in clear (EncryptType NONE or absent)', () => {
        refusal(() => institution.open(message, { encryptType: 'NONE', encryptMode: undefined }));
        refusal(() => institution.open(message, { encryptType: undefined, encryptMode: undefined }));
      });

      it('refuses a mode other than CBC', () => {
        const body = Buffer.from(opensslSeal(cipher, key, IV, message), 'latin1');
        refusal(() => institution.open(body, { ...headers, encryptMode: 'ECB' }));
      });
    });
  }

  it('refuses an SM4 envelope from an AES institution and the reverse', () => {
    const sm4Body = Buffer.from(opensslSeal('sm4-cbc', SM4_KEY, IV, message), 'latin1');
    refusal(() => directory.identify('aes-institution-key-0003').open(sm4Body, { encryptType: 'SM4', encryptMode: 'CBC' }));
    refusal(() => directory.identify('sm4-institution-key-0002').open(sm4Body, { encryptType: 'AES', encryptMode: 'CBC' }));
  });

  it('lets a NONE institution through in clear only', () => {
    const plain = directory.identify('plain-institution-key-1');
    expect(Buffer.from(plain.open(message, { encryptType: undefined, encryptMode: undefined }))).to.deep.equal(message);
    expect(Buffer.from(plain.seal(message))).to.deep.equal(message);
    refusal(() => plain.open(message, { encryptType: 'SM4', encryptMode: 'CBC' }));
  });

  describe('configuration', () => {
    const attempt = (config: Partial<InstitutionConfig>, others: InstitutionConfig[] = []) => () =>
      buildInstitutionDirectory([...others, { instId: '9', apiKey: 'k'.repeat(16), encryptType: 'SM4', key: SM4_KEY, ...config }]);

    it('stops on a key of the wrong size for its cipher, naming the key', () => {
      expect(attempt({ key: SM4_KEY.slice(2) })).to.throw('billing.institutions[0].key: SM4 needs a 16-byte key');
      expect(attempt({ encryptType: 'AES', key: 'ab'.repeat(20) })).to.throw('billing.institutions[0].key: AES needs');
      expect(attempt({ encryptType: 'NONE', key: SM4_KEY })).to.throw('must be empty');
    });

    it('stops on an InstId or an API key configured twice', () => {
      expect(attempt({}, [{ instId: '9', apiKey: 'x'.repeat(16), encryptType: 'NONE', key: '' }])).to.throw('instId: 9 is configured twice');
      expect(attempt({}, [{ instId: '8', apiKey: 'k'.repeat(16), encryptType: 'NONE', key: '' }])).to.throw('apiKey');
    });
  });
});
