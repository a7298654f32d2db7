import { injectable } from 'inversify';
import {
  ECHOED_FIELDS,
  REPLY_FIELDS,
  REQUEST_FIELDS,
  type CustomerCheckReplyFields,
  type CustomerCheckRequestFields,
} from '../../../core/customer-check/messages.js';
import type { BillingMessageCodec } from '../../http/customer-check/ports.js';
import { readXmlDocument, salvageXmlFields, writeXmlDocument } from './xmlDocument.js';

/** Seed 003's wire format: `<in>` in GBK (or GB2312, GB18030, UTF-8), `<out>` always GBK. */
@injectable()
export class GbkXmlCodec implements BillingMessageCodec {
  readonly dataType = 'XML' as const;
  readonly contentType = 'application/xml; charset=GBK';

  decode(body: Uint8Array, charset: string | undefined): CustomerCheckRequestFields {
    return readXmlDocument(body, charset, 'in', REQUEST_FIELDS);
  }

  encode(reply: CustomerCheckReplyFields): Uint8Array {
    return writeXmlDocument('out', REPLY_FIELDS, reply);
  }

  salvage(body: Uint8Array): CustomerCheckRequestFields {
    return salvageXmlFields(body, ECHOED_FIELDS);
  }
}
