import type { Middleware } from 'koa';
import type { Logger } from '../logging/Logger.js';
import type { Authenticator } from './Authenticator.js';
import { errorEnvelope, toErrorReply } from './errorResponse.js';
import { parseContentType } from './contentType.js';
import { HttpProblem } from './HttpProblem.js';
import type { JsonEndpoint } from './JsonEndpoint.js';
import { readRawBody } from './readRawBody.js';
import { RequestValidator } from './RequestValidator.js';
import type { MidplatState } from './MidplatState.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function requireJsonContentType(header: string | undefined): void {
  const { mediaType, charset } = parseContentType(header);
  if (mediaType !== 'application/json' || (charset !== undefined && !['utf-8', 'utf8'].includes(charset.toLowerCase()))) {
    throw new HttpProblem(415, 'UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json (UTF-8)');
  }
}

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(utf8.decode(raw));
  } catch {
    throw new HttpProblem(400, 'MALFORMED_JSON', 'The request body is not valid UTF-8 JSON');
  }
}

export interface JsonEndpointDependencies {
  readonly authenticator: Authenticator;
  readonly logger: Logger;
  readonly bodyLimitBytes: number;
}

/**
 * Everything an intranet JSON API does before and after its use case: auth, media type,
 * body size, JSON, schema, envelope. Nothing reaches `handle` unless all of it passed.
 */
export function jsonEndpointMiddleware(
  endpoint: JsonEndpoint,
  { authenticator, logger, bodyLimitBytes }: JsonEndpointDependencies,
): Middleware<MidplatState> {
  const validator = new RequestValidator<unknown>(endpoint.requestSchema);
  return async (ctx) => {
    try {
      const consumer = authenticator.authorize(ctx.get('acstkn') || undefined, endpoint.scope);
      ctx.state.consumer = consumer.name;
      requireJsonContentType(ctx.get('content-type') || undefined);
      const input = validator.check(parseJson(await readRawBody(ctx.req, bodyLimitBytes)));
      if (endpoint.partnerOf) authenticator.authorizePartner(consumer, endpoint.partnerOf(input));
      const data = await endpoint.handle(input, { requestId: ctx.state.requestId, consumer: consumer.name });
      ctx.status = 200;
      ctx.body = { success: true, data };
    } catch (error) {
      const reply = toErrorReply(error);
      if (reply.unexpected) logger.error({ err: error, requestId: ctx.state.requestId, operation: endpoint.operationId }, 'request failed');
      ctx.status = reply.status;
      ctx.body = errorEnvelope(endpoint.errorStyle, reply.code, reply.message);
    }
  };
}
