import type Router from '@koa/router';
import type { RequestContext } from '../../core/shared/RequestContext.js';
import type { Scope } from './Scope.js';

/** The two failure envelopes of SPEC 2.1: seed 000 (snake_case) and seed 001 (camelCase). */
export type ErrorStyle = 'snake_case' | 'camelCase';

/**
 * An intranet JSON API. The HTTP adapter does the rest (auth, body, validation,
 * envelope, errors); the schemas also feed the OpenAPI document.
 */
export interface JsonEndpoint<Input = unknown, Output = unknown> {
  readonly operationId: string;
  readonly summary: string;
  readonly path: string;
  /** Extra paths served by the same handler (e.g. the `/ap1` prefix of seed 000). */
  readonly aliases?: readonly string[];
  readonly scope: Scope;
  /** For a partner's API: the bizId the call acts for, which the consumer must list (else 403). */
  readonly partnerOf?: (input: Input) => string;
  readonly errorStyle: ErrorStyle;
  /** JSON Schema of the request body; input that fails it never reaches `handle`. */
  readonly requestSchema: object;
  /** JSON Schema of `data` in the success envelope. */
  readonly responseDataSchema: object;
  /** Error codes this endpoint can answer besides the common ones (for the document). */
  readonly errorCodes: readonly string[];
  /** A request body that works against the demo data. */
  readonly example: Input;
  handle(input: Input, context: RequestContext): Promise<Output>;
}
export const JsonEndpoint = Symbol.for('JsonEndpoint');

/** Routes that are not intranet JSON APIs (billing XML, health, metrics…). */
export interface RouteContribution {
  register(router: Router): void;
  /** OpenAPI 3.1 path items of the routes it registers, keyed by path (for /openapi.json). */
  openApiPaths?(): Record<string, object>;
}
export const RouteContribution = Symbol.for('RouteContribution');
