import type Router from '@koa/router';
import { inject, injectable, multiInject } from 'inversify';
import type { Context } from 'koa';
import { CustomerCheck } from '../../../core/customer-check/CustomerCheck.js';
import { errorReply } from '../../../core/customer-check/CustomerCheckReply.js';
import { BillingParameterInvalid } from '../../../core/customer-check/errors.js';
import type { CustomerCheckReplyFields, CustomerCheckRequestFields } from '../../../core/customer-check/messages.js';
import { Logger } from '../../logging/Logger.js';
import { parseContentType } from '../contentType.js';
import type { RouteContribution } from '../JsonEndpoint.js';
import type { MidplatState } from '../MidplatState.js';
import { readRawBody } from '../readRawBody.js';
import { RESP_CODE_SYSTEM, toBillingFailure } from './customerCheckReplies.js';
import { BillingEnvelopeUnreadable, BillingSecurityRejected } from './errors.js';
import { BillingMessageCodec, InstitutionDirectory, type BillingDataType, type EnvelopeHeaders, type PartnerInstitution } from './ports.js';
import { BillingRefusalObserver, type BillingRefusalCheck } from './BillingRefusalObserver.js';
import { customerCheckOpenApiPaths } from './customerCheckOpenApi.js';

export const CUSTOMER_CHECK_PATH = '/billing/CustomerCheck';

/** The body limit of billing requests (config `http.bodyLimitBytes`). */
export const BillingBodyLimitBytes = Symbol.for('BillingBodyLimitBytes');

const DATA_TYPE_OF_MEDIA_TYPE: Record<string, BillingDataType> = {
  'application/xml': 'XML',
  'text/xml': 'XML',
  'application/json': 'JSON',
};

/** One request's progress, so a failure at any step answers with what was learnt so far. */
interface Exchange {
  codec: BillingMessageCodec;
  institution?: PartnerInstitution;
  /** True once the request envelope was opened: the reply is then sealed the same way. */
  sealReply: boolean;
  plain?: Uint8Array;
  fields?: CustomerCheckRequestFields;
  /** The check under way, named in the ESECURE metric when it refuses. */
  check: BillingRefusalCheck;
}

/**
 * `POST /billing/CustomerCheck` (seed 003, SPEC 6): partner banks, GBK XML or JSON, their
 * own `<out>` envelope and RespCodes. Not an intranet JSON API: no Acstkn, no
 * success/error envelope. X-Request-Id and X-Response-Time come from the app's middleware.
 */
@injectable()
export class CustomerCheckRoute implements RouteContribution {
  private readonly codecs: ReadonlyMap<BillingDataType, BillingMessageCodec>;
  private readonly xmlCodec: BillingMessageCodec;

  constructor(
    @inject(CustomerCheck) private readonly customerCheck: CustomerCheck,
    @inject(InstitutionDirectory) private readonly institutions: InstitutionDirectory,
    @multiInject(BillingMessageCodec) codecs: BillingMessageCodec[],
    @inject(Logger) private readonly logger: Logger,
    @inject(BillingBodyLimitBytes) private readonly bodyLimitBytes: number,
    @inject(BillingRefusalObserver) private readonly refusals: BillingRefusalObserver,
  ) {
    this.codecs = new Map(codecs.map((codec) => [codec.dataType, codec]));
    const xml = this.codecs.get('XML');
    if (!xml) throw new Error('CustomerCheck needs the XML codec bound');
    this.xmlCodec = xml;
  }

  register(router: Router): void {
    router.post(CUSTOMER_CHECK_PATH, (ctx) => this.handle(ctx as unknown as Context & { state: MidplatState }));
  }

  openApiPaths(): Record<string, object> {
    return customerCheckOpenApiPaths(CUSTOMER_CHECK_PATH);
  }

  private async handle(ctx: Context & { state: MidplatState }): Promise<void> {
    const exchange: Exchange = { codec: this.xmlCodec, sealReply: false, check: 'api_key' };
    try {
      const { mediaType, charset } = parseContentType(ctx.get('content-type'));
      const format = this.codecFor(mediaType, ctx.get('datatype'));
      if (format.codec) exchange.codec = format.codec; // even a refused caller is answered in its own format
      // The key first: an unknown caller gets no byte of its body read (nor a 1 MiB buffer).
      const institution = this.institutions.identify(ctx.get('x-api-key') || undefined);
      exchange.institution = institution;
      ctx.state.consumer = `billing:${institution.instId}`;
      const raw = await readRawBody(ctx.req, this.bodyLimitBytes);
      exchange.plain = raw;
      if (format.problem) throw format.problem;
      exchange.check = 'envelope_headers';
      exchange.fields = this.open(exchange, raw, charset, {
        encryptType: ctx.get('encrypttype') || undefined,
        encryptMode: ctx.get('encryptmode') || undefined,
      });
      exchange.check = 'inst_id';
      const instId = exchange.fields.InstId?.trim();
      if (instId && instId !== institution.instId) throw new BillingSecurityRejected('InstId 与 X-Api-Key 不符');
      this.reply(ctx, exchange, 200, await this.customerCheck.execute(exchange.fields));
    } catch (error) {
      this.fail(ctx, exchange, error);
    }
  }

  /**
   * The request's fields. For an encrypting institution every failure from here on (bad
   * base64, length, padding, a plaintext that is no valid document) is one BillingEnvelopeUnreadable:
   * the caller must not learn which (SPEC 6, no padding oracle).
   */
  private open(exchange: Exchange, raw: Uint8Array, charset: string | undefined, headers: EnvelopeHeaders): CustomerCheckRequestFields {
    const institution = exchange.institution!;
    const plain = institution.open(raw, headers); // a refused header is answered in clear: nothing was decrypted
    exchange.sealReply = true;
    exchange.plain = plain;
    if (institution.encryptType === 'NONE') return exchange.codec.decode(plain, charset);
    try {
      return exchange.codec.decode(plain, charset);
    } catch (error) {
      throw new BillingEnvelopeUnreadable('document', { cause: error });
    }
  }

  private fail(ctx: Context & { state: MidplatState }, exchange: Exchange, error: unknown): void {
    const unreadable = error instanceof BillingEnvelopeUnreadable;
    if (unreadable) {
      // Sealed, and echoing nothing: the same bytes (IV aside) whatever went wrong.
      exchange.sealReply = true;
      exchange.plain = undefined;
      exchange.fields = undefined;
    }
    const failure = toBillingFailure(error);
    if (failure.unexpected) {
      this.logger.error({ err: error, requestId: ctx.state.requestId, operation: 'CustomerCheck' }, 'request failed');
    } else if (failure.respCode === 'ESECURE') {
      const check = unreadable ? 'envelope' : exchange.check;
      this.refusals.refused(exchange.institution?.instId, check);
      const reason = unreadable ? error.unreadableCause : failure.respMessage;
      this.logger.warn({ requestId: ctx.state.requestId, instId: exchange.institution?.instId, check, reason }, 'billing request refused');
    }
    const echo = exchange.fields ?? (exchange.plain ? exchange.codec.salvage(exchange.plain) : {});
    try {
      this.reply(ctx, exchange, failure.status, errorReply(echo, failure.respCode, failure.respMessage));
    } catch (replyError) {
      // The error reply itself could not be written: answer the bare ESYSTEM envelope.
      this.logger.error({ err: replyError, requestId: ctx.state.requestId, operation: 'CustomerCheck' }, 'error reply failed');
      this.reply(ctx, exchange, 500, errorReply({}, RESP_CODE_SYSTEM, '系统错误，请稍后再试'));
    }
  }

  /** DataType names the format; Content-Type must not contradict it (an encrypted body may be any type). */
  private codecFor(mediaType: string, dataTypeHeader: string): { codec?: BillingMessageCodec; problem?: BillingParameterInvalid } {
    const fromMediaType = DATA_TYPE_OF_MEDIA_TYPE[mediaType];
    const dataType = dataTypeHeader ? dataTypeHeader.trim().toUpperCase() : fromMediaType;
    const codec = dataType === undefined ? undefined : this.codecs.get(dataType as BillingDataType);
    if (!codec) {
      const fallback = fromMediaType === undefined ? undefined : this.codecs.get(fromMediaType);
      return { codec: fallback, problem: new BillingParameterInvalid(null, 'Content-Type 须为 application/xml 或 application/json（DataType 为 XML 或 JSON）') };
    }
    if (fromMediaType !== undefined && fromMediaType !== codec.dataType) {
      const problem = new BillingParameterInvalid(null, `DataType ${codec.dataType} 与 Content-Type ${mediaType} 不符`);
      return { codec: this.codecs.get(fromMediaType), problem }; // answered in the format the body is labelled with
    }
    return { codec };
  }

  private reply(ctx: Context, exchange: Exchange, status: number, fields: CustomerCheckReplyFields): void {
    let body = exchange.codec.encode(fields);
    const sealed = exchange.sealReply && exchange.institution !== undefined && exchange.institution.encryptType !== 'NONE';
    if (sealed) body = exchange.institution!.seal(body);
    ctx.status = status;
    ctx.set('Content-Type', exchange.codec.contentType);
    ctx.set('DataType', exchange.codec.dataType);
    ctx.set('EncryptType', sealed ? exchange.institution!.encryptType : 'NONE');
    if (sealed) ctx.set('EncryptMode', 'CBC');
    ctx.body = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  }
}
