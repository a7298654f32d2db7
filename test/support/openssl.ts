import { execFileSync } from 'node:child_process';

/** The openssl command-line tool, an implementation independent of ours, for cipher envelopes. */
export type OpensslCipher = 'sm4-cbc' | 'aes-128-cbc' | 'aes-192-cbc' | 'aes-256-cbc';

/** SPEC 6's envelope made by openssl: base64(IV ‖ openssl enc ciphertext, PKCS#7). */
export function opensslSeal(cipher: OpensslCipher, keyHex: string, ivHex: string, plain: Uint8Array): string {
  const ciphertext = execFileSync('openssl', ['enc', `-${cipher}`, '-K', keyHex, '-iv', ivHex], { input: plain });
  return Buffer.concat([Buffer.from(ivHex, 'hex'), ciphertext]).toString('base64');
}

/** Opens SPEC 6's envelope with openssl; throws when openssl cannot (bad padding, key…). */
export function opensslOpen(cipher: OpensslCipher, keyHex: string, envelope: string | Uint8Array): Buffer {
  const bytes = Buffer.from(typeof envelope === 'string' ? envelope : Buffer.from(envelope).toString('latin1'), 'base64');
  const iv = bytes.subarray(0, 16).toString('hex');
  return execFileSync('openssl', ['enc', '-d', `-${cipher}`, '-K', keyHex, '-iv', iv], { input: bytes.subarray(16), stdio: ['pipe', 'pipe', 'pipe'] });
}
