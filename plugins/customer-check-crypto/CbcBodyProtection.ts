import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { BillingEnvelopeUnreadable } from '../../adapters/http/customer-check/errors.js';
import type { BodyProtection } from './BodyProtection.js';

const IV_BYTES = 16;
const BLOCK_BYTES = 16;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * SPEC 6's envelope for SM4 and AES: base64(16-byte IV ‖ CBC ciphertext of the plain
 * body, PKCS#7 padded). A fresh random IV for every reply. Every way the envelope can be
 * wrong throws the same BillingEnvelopeUnreadable, so callers cannot tell them apart.
 */
export class CbcBodyProtection implements BodyProtection {
  constructor(
    private readonly algorithm: 'sm4-cbc' | 'aes-128-cbc' | 'aes-192-cbc' | 'aes-256-cbc',
    private readonly key: Buffer,
  ) {}

  open(body: Uint8Array): Uint8Array {
    // Line breaks from base64 tools that wrap at 64 or 76 columns are not part of the data.
    const text = Buffer.from(body).toString('latin1').replace(/[\r\n\t ]/g, '');
    if (!BASE64.test(text) || text.length % 4 !== 0) throw new BillingEnvelopeUnreadable('base64');
    const envelope = Buffer.from(text, 'base64');
    if (envelope.length < IV_BYTES + BLOCK_BYTES || (envelope.length - IV_BYTES) % BLOCK_BYTES !== 0) {
      throw new BillingEnvelopeUnreadable('length');
    }
    try {
      const decipher = createDecipheriv(this.algorithm, this.key, envelope.subarray(0, IV_BYTES));
      return Buffer.concat([decipher.update(envelope.subarray(IV_BYTES)), decipher.final()]);
    } catch {
      throw new BillingEnvelopeUnreadable('padding');
    }
  }

  seal(plain: Uint8Array): Uint8Array {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(this.algorithm, this.key, iv);
    const envelope = Buffer.concat([iv, cipher.update(plain), cipher.final()]);
    return Buffer.from(envelope.toString('base64'), 'latin1');
  }
}
