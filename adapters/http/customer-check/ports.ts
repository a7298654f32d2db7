import type { CustomerCheckReplyFields, CustomerCheckRequestFields } from '../../../core/customer-check/messages.js';

/**
 * What the HTTP adapter needs around CustomerCheck, which never sees wire formats or
 * envelopes: the message codecs (adapters/codec) and the partner banks' body protection
 * (plugins/customer-check-crypto) implement these.
 */

export type BillingDataType = 'XML' | 'JSON';

/**
 * Reads and writes CustomerCheck messages in one wire format (GBK XML, UTF-8 JSON).
 * A port so the HTTP adapter stays format-agnostic and a new format is a new binding.
 * `decode` throws BillingParameterInvalid (EPARAM1) for anything it cannot read safely.
 */
export interface BillingMessageCodec {
  readonly dataType: BillingDataType;
  /** The Content-Type of what `encode` writes. */
  readonly contentType: string;
  /** `charset` is the Content-Type's charset parameter, when the caller sent one. */
  decode(body: Uint8Array, charset: string | undefined): CustomerCheckRequestFields;
  encode(reply: CustomerCheckReplyFields): Uint8Array;
  /** Best effort, never throws: the header fields of a body `decode` refused, for the error reply's echo. */
  salvage(body: Uint8Array): CustomerCheckRequestFields;
}
export const BillingMessageCodec = Symbol.for('BillingMessageCodec');

export type EncryptType = 'NONE' | 'SM4' | 'AES';

/** The envelope headers of seed 003 as the caller sent them (undefined when absent). */
export interface EnvelopeHeaders {
  readonly encryptType: string | undefined;
  readonly encryptMode: string | undefined;
}

/** One partner bank as configured: its InstId and how its bodies are protected. */
export interface PartnerInstitution {
  readonly instId: string;
  readonly encryptType: EncryptType;
  /**
   * The plain body bytes. Throws BillingSecurityRejected (ESECURE) when the envelope headers
   * are not the institution's, BillingEnvelopeUnreadable (ESECURE) when the body cannot be opened.
   */
  open(body: Uint8Array, headers: EnvelopeHeaders): Uint8Array;
  /** The reply body as the institution expects it (encrypted the way its requests are). */
  seal(plain: Uint8Array): Uint8Array;
}

/** The configured partner banks, found by API key (compared in constant time). */
export interface InstitutionDirectory {
  /** Throws BillingSecurityRejected (ESECURE) for a missing or unknown key. */
  identify(apiKey: string | undefined): PartnerInstitution;
}
export const InstitutionDirectory = Symbol.for('InstitutionDirectory');
