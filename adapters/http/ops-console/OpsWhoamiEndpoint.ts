import { inject, injectable } from 'inversify';
import type { RequestContext } from '../../../core/shared/RequestContext.js';
import { Authenticator } from '../Authenticator.js';
import type { JsonEndpoint } from '../JsonEndpoint.js';

/** `POST /ops/api/whoami`: which consumer the console signed in as, and what it may do. */
@injectable()
export class OpsWhoamiEndpoint implements JsonEndpoint<Record<string, never>, { consumer: string; scopes: string[] }> {
  readonly operationId = 'OpsWhoami';
  readonly summary = 'The consumer of the presented token and its scopes (the console shows Retry only with ops:write)';
  readonly path = '/ops/api/whoami';
  readonly scope = 'ops:read' as const;
  readonly errorStyle = 'camelCase' as const;
  readonly requestSchema = { type: 'object', additionalProperties: false, properties: {} };
  readonly responseDataSchema = {
    type: 'object',
    additionalProperties: false,
    required: ['consumer', 'scopes'],
    properties: { consumer: { type: 'string' }, scopes: { type: 'array', items: { type: 'string' } } },
  };
  readonly errorCodes = [];
  readonly example = {};

  constructor(@inject(Authenticator) private readonly authenticator: Authenticator) {}

  async handle(_input: Record<string, never>, context: RequestContext): Promise<{ consumer: string; scopes: string[] }> {
    return { consumer: context.consumer, scopes: this.authenticator.scopesOf(context.consumer) };
  }
}
