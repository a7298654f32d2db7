import type { Context, Middleware } from 'koa';
import type { Logger } from '../logging/Logger.js';
import type { Consumer } from './AccessTokenAuthenticator.js';
import type { Authenticator } from './Authenticator.js';
import { errorEnvelope, toErrorReply } from './errorResponse.js';
import { parseContentType } from './contentType.js';
import { HttpProblem } from './HttpProblem.js';
import type { JsonEndpoint } from './JsonEndpoint.js';
import { readRawBody } from './readRawBody.js';
import { RequestValidator } from './RequestValidator.js';
import type { MidplatState } from './MidplatState.js';
import type { SignInThrottle } from './SignInThrottle.js';

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
  /** Slows down addresses that present wrong tokens; absent, nobody is slowed down. */
  readonly signInThrottle?: SignInThrottle;
}

/**
 * The consumer of the request's token. An address that presented too many wrong tokens gets 429
 * before its token is looked at; a wrong token counts against its address (a missing one guesses nothing).
 */
function signIn(ctx: Context, scope: JsonEndpoint['scope'], authenticator: Authenticator, throttle: SignInThrottle | undefined): Consumer {
  const address = ctx.socket.remoteAddress ?? 'unknown';
  const waitSeconds = throttle?.retryAfterSeconds(address) ?? 0;
  if (waitSeconds > 0) {
    ctx.set('Retry-After', String(waitSeconds));
    throw new HttpProblem(429, 'TOO_MANY_REQUESTS', 'Too many failed sign-ins from this address; retry after the time in Retry-After');
  }
  const token = ctx.get('acstkn') || undefined;
  try {
    return authenticator.authorize(token, scope);
  } catch (error) {
    if (token !== undefined && error instanceof HttpProblem && error.status === 401) throttle?.failed(address);
    throw error;
  }
}

/**
 * Everything an intranet JSON API does before and after its use case: auth, media type,
 * body size, JSON, schema, envelope. Nothing reaches `handle` unless all of it passed.
 */
export function jsonEndpointMiddleware(
  endpoint: JsonEndpoint,
  { authenticator, logger, bodyLimitBytes, signInThrottle }: JsonEndpointDependencies,
): Middleware<MidplatState> {
  const validator = new RequestValidator<unknown>(endpoint.requestSchema);
  return async (ctx) => {
    // Answers carry personal data: never kept by a cache, never read as anything but JSON.
    ctx.set('Cache-Control', 'no-store');
    ctx.set('X-Content-Type-Options', 'nosniff');
    try {
      const consumer = signIn(ctx, endpoint.scope, authenticator, signInThrottle);
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
