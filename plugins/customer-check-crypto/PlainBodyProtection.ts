import type { BodyProtection } from './BodyProtection.js';

/** EncryptType NONE: the body is the message. */
export class PlainBodyProtection implements BodyProtection {
  open(body: Uint8Array): Uint8Array {
    return body;
  }

  seal(plain: Uint8Array): Uint8Array {
    return plain;
  }
}
