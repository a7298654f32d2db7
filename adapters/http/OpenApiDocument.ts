import type { ErrorStyle, JsonEndpoint, RouteContribution } from './JsonEndpoint.js';
import { SCOPES } from './Scope.js';

export type OpenApiObject = Record<string, any>;

export interface OpenApiSources {
  readonly endpoints: readonly JsonEndpoint[];
  readonly routes: readonly RouteContribution[];
  /** `info.version`: the package version. */
  readonly version: string;
}

/** Codes the JSON adapter itself answers for every intranet API, by status (jsonEndpointMiddleware). */
const ADAPTER_ERRORS: ReadonlyArray<{ status: string; codes: string[]; description: string }> = [
  { status: '400', codes: ['VALIDATION_ERROR', 'MALFORMED_JSON', 'BAD_REQUEST'], description: 'The body is not UTF-8 JSON or breaks the request schema; the message names the field' },
  { status: '401', codes: ['UNAUTHORIZED'], description: 'The Acstkn header is missing or the token is unknown' },
  { status: '403', codes: ['FORBIDDEN'], description: 'The token lacks the scope of this endpoint' },
  { status: '413', codes: ['PAYLOAD_TOO_LARGE'], description: 'The body exceeds http.bodyLimitBytes' },
  { status: '429', codes: ['TOO_MANY_REQUESTS'], description: 'Too many wrong tokens from this address: wait the seconds in Retry-After' },
  { status: '415', codes: ['UNSUPPORTED_MEDIA_TYPE'], description: 'Content-Type is not application/json (UTF-8)' },
  { status: '500', codes: ['INTERNAL_ERROR'], description: 'An unexpected failure (never a stack trace)' },
  { status: '503', codes: ['SERVICE_UNAVAILABLE'], description: 'The database is unreachable; nothing was written, retry later' },
];

/** Security schemes the service knows; the document defines those its operations use. */
const SECURITY_SCHEMES: Record<string, OpenApiObject> = {
  Acstkn: {
    type: 'apiKey',
    in: 'header',
    name: 'Acstkn',
    description:
      'Intranet access token of a configured consumer (only its SHA-256 is stored). Each operation names the scope the ' +
      `token must carry in its security requirement and description. Scopes: ${SCOPES.map((scope) => `\`${scope}\``).join(', ')}. ` +
      'Missing or unknown token: 401 UNAUTHORIZED; token without the scope: 403 FORBIDDEN.',
  },
  ApiKeyAuth: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Api-Key',
    description: 'Billing API key of a partner bank; each key belongs to one InstId (config billing.institutions).',
  },
};

const TAG_DESCRIPTIONS: Record<string, string> = {
  intranet: 'Intranet JSON APIs (Acstkn tokens with scopes, success/failure envelopes)',
  billing: 'Utility-billing APIs for partner banks (GBK XML or JSON)',
  operations: 'Health, readiness, metrics and this document',
};

function errorEnvelopeSchema(style: ErrorStyle): OpenApiObject {
  const [code, message] = style === 'snake_case' ? ['error_code', 'error_message'] : ['errorCode', 'errorMessage'];
  return {
    type: 'object',
    description:
      style === 'snake_case'
        ? 'Failure envelope of seed 000 (UpgradeAccount): snake_case keys'
        : 'Failure envelope of seed 001 (every other intranet API): camelCase keys',
    required: ['success', 'error'],
    properties: {
      success: { const: false },
      error: {
        type: 'object',
        required: [code, message],
        properties: {
          [code]: { type: 'string', pattern: '^[A-Z][A-Z0-9_]*$', description: 'Stable UPPER_SNAKE_CASE code' },
          [message]: { type: 'string', description: 'Human-readable; names the field for validation errors' },
        },
      },
    },
  };
}

const ENVELOPE_NAMES: Record<ErrorStyle, string> = { snake_case: 'ErrorEnvelopeSnakeCase', camelCase: 'ErrorEnvelopeCamelCase' };

/** Every component this builder may refer to; only the referenced ones go into the document. */
function componentCatalogue(): OpenApiObject {
  return {
    schemas: {
      ErrorEnvelopeSnakeCase: errorEnvelopeSchema('snake_case'),
      ErrorEnvelopeCamelCase: errorEnvelopeSchema('camelCase'),
    },
    headers: {
      XRequestId: {
        description: "The caller's X-Request-Id when it is safe ([A-Za-z0-9._:-]{1,128}), else a generated one",
        required: true,
        schema: { type: 'string', minLength: 1, maxLength: 128 },
      },
      XResponseTime: {
        description: 'Time spent in the service, e.g. `12.3ms`',
        schema: { type: 'string', pattern: '^[0-9.]+ms$' },
      },
    },
    parameters: {
      XRequestId: {
        name: 'X-Request-Id',
        in: 'header',
        required: false,
        description: 'Correlation id; echoed in the response and every log line',
        schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,128}$' },
        example: 'req-20261123-0001',
      },
    },
    responses: {
      InternalError: {
        description: 'An unexpected failure (never a stack trace); the camelCase envelope',
        headers: { 'X-Request-Id': { $ref: '#/components/headers/XRequestId' } },
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelopeCamelCase' } } },
      },
    },
  };
}

const STANDARD_HEADERS = {
  'X-Request-Id': { $ref: '#/components/headers/XRequestId' },
  'X-Response-Time': { $ref: '#/components/headers/XResponseTime' },
};

function errorResponse(description: string, schema: OpenApiObject): OpenApiObject {
  return { description, headers: STANDARD_HEADERS, content: { 'application/json': { schema } } };
}

/** The POST operation of one intranet JSON API, from the same schemas the adapter validates with. */
function jsonEndpointOperation(endpoint: JsonEndpoint, operationId: string, description: string): OpenApiObject {
  const adapterCodes = ADAPTER_ERRORS.flatMap((entry) => entry.codes);
  const allCodes = [...new Set([...adapterCodes, ...endpoint.errorCodes])];
  const codeKey = endpoint.errorStyle === 'snake_case' ? 'error_code' : 'errorCode';
  // Every failure of this endpoint: its envelope style, with the codes it can answer.
  const errorSchema = {
    allOf: [
      { $ref: `#/components/schemas/${ENVELOPE_NAMES[endpoint.errorStyle]}` },
      { type: 'object', properties: { error: { type: 'object', properties: { [codeKey]: { enum: allCodes } } } } },
    ],
  };
  const responses: OpenApiObject = {
    '200': {
      description: 'Done',
      headers: STANDARD_HEADERS,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            required: ['success', 'data'],
            properties: { success: { const: true }, data: endpoint.responseDataSchema },
          },
        },
      },
    },
  };
  for (const entry of ADAPTER_ERRORS) responses[entry.status] = errorResponse(`${entry.codes.join(' | ')}: ${entry.description}`, errorSchema);
  if (endpoint.errorCodes.length > 0) {
    const own = `Failures of this API's own rules (${endpoint.errorCodes.join(', ')})`;
    responses['4XX'] = errorResponse(`${own}; the status tells the kind: 404 not found, 409 state conflict`, errorSchema);
    responses['5XX'] = errorResponse(`${own}; the status tells the kind: 502 upstream failed, 504 upstream timed out`, errorSchema);
  }
  return {
    operationId,
    summary: endpoint.summary,
    description: `${description}Requires a token with the \`${endpoint.scope}\` scope. Failures use the ${endpoint.errorStyle} envelope.`,
    tags: ['intranet'],
    security: [{ Acstkn: [endpoint.scope] }],
    parameters: [{ $ref: '#/components/parameters/XRequestId' }],
    requestBody: {
      required: true,
      content: { 'application/json': { schema: endpoint.requestSchema, example: endpoint.example } },
    },
    responses,
  };
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Operations of a path item (skipping `parameters`, `summary`…). */
export function operationsOf(pathItem: OpenApiObject): Array<[string, OpenApiObject]> {
  return Object.entries(pathItem).filter(([key]) => HTTP_METHODS.includes(key)) as Array<[string, OpenApiObject]>;
}

/**
 * A route contribution's operations, plus what the outermost middleware adds to every
 * route: X-Request-Id, and a camelCase 500 when the route itself throws.
 */
function completeContributedPathItem(pathItem: OpenApiObject): OpenApiObject {
  const completed: OpenApiObject = { ...pathItem };
  for (const [method, operation] of operationsOf(pathItem)) {
    const responses: OpenApiObject = { ...(operation.responses ?? {}) };
    if (!('500' in responses) && !('5XX' in responses) && !('default' in responses)) responses['500'] = { $ref: '#/components/responses/InternalError' };
    completed[method] = { security: [], ...operation, responses };
  }
  return completed;
}

/** Every `#/components/<kind>/<name>` a value refers to, transitively through the catalogue. */
function referencedComponents(root: unknown, catalogue: OpenApiObject): OpenApiObject {
  const used: OpenApiObject = {};
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (Array.isArray(value)) pending.push(...value);
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const match = key === '$ref' && typeof child === 'string' ? /^#\/components\/([^/]+)\/([^/]+)$/.exec(child) : null;
        if (match) {
          const [, kind, name] = match as unknown as [string, string, string];
          const component = catalogue[kind]?.[name];
          if (component !== undefined && used[kind]?.[name] === undefined) {
            (used[kind] ??= {})[name] = component;
            pending.push(component);
          }
        } else pending.push(child);
      }
    }
  }
  return used;
}

function securitySchemesUsed(paths: OpenApiObject): OpenApiObject {
  const used: OpenApiObject = {};
  for (const pathItem of Object.values(paths)) {
    for (const [, operation] of operationsOf(pathItem)) {
      for (const requirement of (operation.security ?? []) as OpenApiObject[]) {
        for (const name of Object.keys(requirement)) if (SECURITY_SCHEMES[name]) used[name] = SECURITY_SCHEMES[name];
      }
    }
  }
  return used;
}

function tagsUsed(paths: OpenApiObject): OpenApiObject[] {
  const names = new Set<string>();
  for (const pathItem of Object.values(paths)) for (const [, operation] of operationsOf(pathItem)) for (const tag of operation.tags ?? []) names.add(tag);
  return [...names].sort().map((name) => ({ name, description: TAG_DESCRIPTIONS[name] ?? `The ${name} operations` }));
}

/**
 * The OpenAPI 3.1 document of whatever is bound: every JsonEndpoint (from the schemas
 * the adapter validates with) and every RouteContribution's own path items.
 */
export function buildOpenApiDocument({ endpoints, routes, version }: OpenApiSources): OpenApiObject {
  const paths: OpenApiObject = {};
  const addPath = (path: string, pathItem: OpenApiObject) => {
    if (paths[path]) throw new Error(`OpenAPI: the path ${path} is documented twice`);
    paths[path] = pathItem;
  };
  for (const endpoint of endpoints) {
    addPath(endpoint.path, { post: jsonEndpointOperation(endpoint, endpoint.operationId, '') });
    (endpoint.aliases ?? []).forEach((alias, index) => {
      const operationId = `${endpoint.operationId}Alias${index === 0 ? '' : index + 1}`;
      addPath(alias, { post: jsonEndpointOperation(endpoint, operationId, `The same operation as \`POST ${endpoint.path}\`. `) });
    });
  }
  for (const route of routes) {
    for (const [path, pathItem] of Object.entries(route.openApiPaths?.() ?? {})) addPath(path, completeContributedPathItem(pathItem));
  }
  const sortedPaths = Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b)));
  const components: OpenApiObject = referencedComponents(sortedPaths, componentCatalogue());
  const securitySchemes = securitySchemesUsed(sortedPaths);
  if (Object.keys(securitySchemes).length > 0) components.securitySchemes = securitySchemes;
  return {
    openapi: '3.1.0',
    info: {
      title: 'Midplat',
      version,
      summary: "A bank's middle-platform service",
      description:
        'Intranet JSON APIs answer `{"success": true, "data": …}` or a failure envelope whose key case follows the ' +
        "API's seed (snake_case for UpgradeAccount, camelCase for the others). Every response carries X-Request-Id.",
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: '/', description: 'This Midplat process' }],
    tags: tagsUsed(sortedPaths),
    paths: sortedPaths,
    components,
  };
}
