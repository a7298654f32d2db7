import type Router from '@koa/router';
import { expect } from 'chai';
import { JsonEndpoint, RouteContribution } from '../../../adapters/http/JsonEndpoint.js';
import { buildOpenApiDocument, operationsOf, type OpenApiObject } from '../../../adapters/http/OpenApiDocument.js';
import { createLogger } from '../../../adapters/logging/Logger.js';
import { Database } from '../../../adapters/persistence/Database.js';
import { buildContainer } from '../../../config/container.js';
import { loadConfig } from '../../../config/loadConfig.js';
import { SCOPES } from '../../../adapters/http/Scope.js';
import { lintOpenApi, OpenApiContract } from '../../support/OpenApiContract.js';

/** A hand-made intranet API in the camelCase (seed 001) form. */
const lookupEndpoint: JsonEndpoint = {
  operationId: 'LookUpThing',
  summary: 'Looks a thing up',
  path: '/intranet/api/v1.0/things/LookUp',
  scope: 'createinfo:read',
  errorStyle: 'camelCase',
  requestSchema: { type: 'object', additionalProperties: false, required: ['thingId'], properties: { thingId: { type: 'string', minLength: 1 } } },
  responseDataSchema: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
  errorCodes: ['THING_NOT_FOUND'],
  example: { thingId: 'T1' },
  handle: async () => ({ name: 'a thing' }),
};

/** And one in the snake_case (seed 000) form, with an alias. */
const decideEndpoint: JsonEndpoint = {
  operationId: 'DecideThing',
  summary: 'Decides a thing',
  path: '/intranet/api/v1.0/things/Decide',
  aliases: ['/ap1/intranet/api/v1.0/things/Decide'],
  scope: 'upgrade:write',
  errorStyle: 'snake_case',
  requestSchema: { type: 'object', required: ['ok'], properties: { ok: { type: 'boolean' } } },
  responseDataSchema: { type: 'object', additionalProperties: false, properties: {} },
  errorCodes: [],
  example: { ok: true },
  handle: async () => ({}),
};

/** A non-JSON route with its own security scheme, as the billing API has. */
const xmlRoute: RouteContribution = {
  register: () => undefined,
  openApiPaths: () => ({
    '/billing/Thing': {
      post: {
        operationId: 'billingThing',
        summary: 'An XML exchange',
        tags: ['billing'],
        security: [{ ApiKeyAuth: [] }],
        requestBody: { required: true, content: { 'application/xml': { schema: { type: 'string' }, example: '<in/>' } } },
        responses: {
          '200': { description: 'ok', content: { 'application/xml': { schema: { type: 'string' } } } },
          '400': { description: 'bad', content: { 'application/xml': { schema: { type: 'string' } } } },
        },
      },
    },
  }),
};

const build = (endpoints: JsonEndpoint[], routes: RouteContribution[] = []) => buildOpenApiDocument({ endpoints, routes, version: '9.9.9' });

function response(status: number, body: unknown, headers: Record<string, string> = { 'x-request-id': 'r1' }) {
  return { status, headers: new Headers({ 'content-type': 'application/json; charset=utf-8', ...headers }), text: JSON.stringify(body) };
}

describe('OpenApiDocument', () => {
  it('passes the Redocly recommended ruleset with both envelope styles and a contributed route', async () => {
    expect(await lintOpenApi(build([lookupEndpoint, decideEndpoint], [xmlRoute]))).to.deep.equal([]);
  });

  it('documents the very request schema and example the adapter validates with', () => {
    const operation = build([lookupEndpoint]).paths[lookupEndpoint.path].post;
    expect(operation.requestBody.content['application/json'].schema).to.equal(lookupEndpoint.requestSchema);
    expect(operation.requestBody.content['application/json'].example).to.equal(lookupEndpoint.example);
    expect(operation.responses['200'].content['application/json'].schema.properties.data).to.equal(lookupEndpoint.responseDataSchema);
  });

  it('documents an alias as the same operation under its own operationId', () => {
    const document = build([decideEndpoint]);
    const alias = document.paths['/ap1/intranet/api/v1.0/things/Decide'].post;
    expect(alias.operationId).to.equal('DecideThingAlias');
    expect(alias.requestBody).to.deep.equal(document.paths[decideEndpoint.path].post.requestBody);
  });

  it('names the scope in the security requirement and every scope in the Acstkn scheme', () => {
    const document = build([lookupEndpoint]);
    expect(document.paths[lookupEndpoint.path].post.security).to.deep.equal([{ Acstkn: ['createinfo:read'] }]);
    expect(document.paths[lookupEndpoint.path].post.description).to.contain('createinfo:read');
    expect(document.components.securitySchemes.Acstkn).to.include({ type: 'apiKey', in: 'header', name: 'Acstkn' });
    for (const scope of SCOPES) expect(document.components.securitySchemes.Acstkn.description).to.contain(scope);
    expect(document.components.securitySchemes).not.to.have.property('ApiKeyAuth');
  });

  it('defines the billing API key scheme once a route uses it', () => {
    const document = build([], [xmlRoute]);
    expect(document.components.securitySchemes.ApiKeyAuth).to.include({ type: 'apiKey', in: 'header', name: 'X-Api-Key' });
  });

  it("holds each endpoint's failures to its own envelope style and codes", () => {
    const contract = new OpenApiContract(build([lookupEndpoint, decideEndpoint]));
    const camel = { success: false, error: { errorCode: 'THING_NOT_FOUND', errorMessage: 'no' } };
    const snake = { success: false, error: { error_code: 'UNAUTHORIZED', error_message: 'no' } };
    expect(contract.check('post', lookupEndpoint.path, response(404, camel))).to.deep.equal([]);
    expect(contract.check('post', decideEndpoint.path, response(401, snake))).to.deep.equal([]);
    expect(contract.check('post', lookupEndpoint.path, response(401, snake))).to.have.length(1);
    expect(contract.check('post', decideEndpoint.path, response(404, { success: false, error: { error_code: 'THING_NOT_FOUND', error_message: 'x' } }))).to.have.length(1);
  });

  it('rejects a success body that breaks responseDataSchema, and a missing X-Request-Id', () => {
    const contract = new OpenApiContract(build([lookupEndpoint]));
    expect(contract.check('post', lookupEndpoint.path, response(200, { success: true, data: { name: 'x' } }))).to.deep.equal([]);
    expect(contract.check('post', lookupEndpoint.path, response(200, { success: true, data: { name: 7 } }))).to.have.length(1);
    expect(contract.check('post', lookupEndpoint.path, response(200, { success: true, data: { name: 'x' } }, {}))).to.have.length(1);
  });

  it('gives contributed operations the camelCase 500 the outermost middleware answers', () => {
    const operation = build([], [xmlRoute]).paths['/billing/Thing'].post;
    expect(operation.responses['500']).to.deep.equal({ $ref: '#/components/responses/InternalError' });
  });

  it('refuses to document one path twice', () => {
    expect(() => build([lookupEndpoint, lookupEndpoint])).to.throw(/documented twice/);
  });

  describe('with what the composition root binds', () => {
    let database: Database;
    let endpoints: JsonEndpoint[];
    let routes: RouteContribution[];
    let document: OpenApiObject;
    before(() => {
      const config = loadConfig({}, { database: { url: 'sqlite::memory:' }, log: { level: 'silent' } });
      database = new Database({ url: config.database.url, poolMax: 1 });
      const container = buildContainer({ config, database, logger: createLogger('silent') });
      endpoints = container.getAll<JsonEndpoint>(JsonEndpoint, { optional: true });
      routes = container.getAll<RouteContribution>(RouteContribution, { optional: true });
      document = buildOpenApiDocument({ endpoints, routes, version: '0.0.0' });
    });
    after(() => database.close());

    it('documents every bound JsonEndpoint under its path and aliases', () => {
      expect(endpoints.length).to.be.greaterThan(0);
      for (const endpoint of endpoints) {
        for (const path of [endpoint.path, ...(endpoint.aliases ?? [])]) expect(document.paths[path]?.post, path).to.be.an('object');
      }
    });

    it('documents every route a bound RouteContribution registers', () => {
      const registered: string[] = [];
      const verbs = ['get', 'post', 'put', 'patch', 'delete'];
      const recorder = new Proxy({} as Record<string, unknown>, {
        get: (_target, method: string) => (path: unknown) => {
          // Koa's `/x/:id` is OpenAPI's `/x/{id}`.
          const paths = (Array.isArray(path) ? path : [path]).filter((each): each is string => typeof each === 'string');
          if (verbs.includes(method)) for (const each of paths) registered.push(`${method} ${each.replace(/:(\w+)/g, '{$1}')}`);
          return recorder;
        },
      });
      for (const route of routes) route.register(recorder as unknown as Router);
      expect(registered).to.include.members(['get /healthz', 'get /readyz', 'get /metrics', 'get /openapi.json']);
      const documented = Object.entries(document.paths as OpenApiObject).flatMap(([path, item]) => operationsOf(item).map(([method]) => `${method} ${path}`));
      expect(documented).to.include.members(registered);
    });

    it('passes the recommended ruleset', async () => {
      expect(await lintOpenApi(document)).to.deep.equal([]);
    });
  });
});
