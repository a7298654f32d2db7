import { createHash } from 'node:crypto';
import { expect } from 'chai';
import type { OpenApiObject } from '../../../adapters/http/OpenApiDocument.js';
import { SCOPES } from '../../../adapters/http/Scope.js';
import { lintOpenApi, OpenApiContract, type ObservedResponse } from '../../support/OpenApiContract.js';
import { startTestService, type TestService } from '../../support/startTestService.js';

const ALL_SCOPES_TOKEN = 'contract-test-all-scopes';
const NO_SCOPE_TOKEN = 'contract-test-no-scope';
const BODY_LIMIT = 4096;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function send(url: string, init: RequestInit): Promise<ObservedResponse> {
  const response = await fetch(url, init);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/**
 * The document as the server publishes it, held against the server itself: every
 * documented example is sent, every response checked against the document.
 */
describe('OpenAPI contract (e2e)', function () {
  this.timeout(60000);
  let app: TestService;
  let contract: OpenApiContract;
  let credentials: Record<string, string>;

  before(async () => {
    app = await startTestService('sqlite', {
      http: { bodyLimitBytes: BODY_LIMIT },
      demo: { loadOnStart: true },
      auth: {
        consumers: [
          { name: 'contract-all', tokenSha256: sha256(ALL_SCOPES_TOKEN), scopes: [...SCOPES], bizIds: ['MPLUS'] },
          { name: 'contract-none', tokenSha256: sha256(NO_SCOPE_TOKEN), scopes: [] },
        ],
      },
    });
    const served = await send(`${app.baseUrl}/openapi.json`, {});
    contract = new OpenApiContract(JSON.parse(served.text) as OpenApiObject);
    // A secret per security scheme the document may use; the header name comes from the document.
    // Examples are plain bodies, so the billing key of an institution without encryption.
    const plainInstitution = app.config.billing.institutions.find((institution) => institution.encryptType === 'NONE');
    credentials = { Acstkn: ALL_SCOPES_TOKEN, ApiKeyAuth: plainInstitution?.apiKey ?? '' };
  });
  after(() => app?.stop());

  /** Auth headers and the required header parameters (with their examples) of an operation: the minimal documented request. */
  function headersFor(operation: OpenApiObject): Record<string, string> {
    const headers: Record<string, string> = {};
    const schemes = (contract.document.components?.securitySchemes ?? {}) as OpenApiObject;
    for (const name of Object.keys(operation.security?.[0] ?? {})) headers[schemes[name].name as string] = credentials[name]!;
    for (const parameter of (operation.parameters ?? []) as OpenApiObject[]) {
      const resolved = contract.resolve(parameter);
      const example = resolved.example ?? resolved.schema?.default ?? resolved.schema?.enum?.[0];
      if (resolved.in === 'header' && resolved.required === true && example !== undefined) headers[resolved.name as string] = String(example);
    }
    return headers;
  }

  /** The path with each path parameter replaced by its documented example (`/ops/{file}` → `/ops/main.js`). */
  function urlFor(path: string, operation: OpenApiObject): string {
    return path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const parameter = ((operation.parameters ?? []) as OpenApiObject[]).map((each) => contract.resolve(each)).find((each) => each.in === 'path' && each.name === name);
      const example = parameter?.example ?? parameter?.schema?.enum?.[0];
      if (example === undefined) throw new Error(`${path}: no example for path parameter ${name}`);
      return encodeURIComponent(String(example));
    });
  }

  const acstknOperations = () => contract.operations().filter(([, , operation]) => operation.security?.some((requirement: object) => 'Acstkn' in requirement));

  it('publishes a document that passes the Redocly recommended ruleset', async () => {
    expect(await lintOpenApi(contract.document)).to.deep.equal([]);
  });

  it('documents every intranet JSON endpoint, the probes and itself', () => {
    const paths = Object.keys(contract.document.paths as object);
    expect(paths).to.include.members(['/healthz', '/readyz', '/metrics', '/openapi.json', '/intranet/api/v1.0/UpgradeAccount/IVRCheckUpgradeAccount']);
  });

  it('answers every documented request example with a documented 2xx response', async () => {
    let sent = 0;
    for (const [method, path, operation] of contract.operations()) {
      for (const [mediaType, example] of contract.requestExamples(operation)) {
        const body = typeof example === 'string' ? example : JSON.stringify(example);
        const reply = await send(`${app.baseUrl}${path}`, { method: method.toUpperCase(), headers: { ...headersFor(operation), 'content-type': mediaType }, body });
        sent += 1;
        expect(contract.check(method, path, reply), `${method} ${path}`).to.deep.equal([]);
        expect(reply.status, `${method} ${path}: ${reply.text}`).to.be.within(200, 299);
      }
    }
    expect(sent).to.be.greaterThan(0);
  });

  it('answers every documented GET without a body as documented', async () => {
    const gets = contract.operations().filter(([method]) => method === 'get');
    expect(gets.length).to.be.greaterThanOrEqual(4);
    for (const [method, path, operation] of gets) {
      const reply = await send(`${app.baseUrl}${urlFor(path, operation)}`, { headers: headersFor(operation) });
      expect(contract.check(method, path, reply), path).to.deep.equal([]);
      expect(reply.status, path).to.be.within(200, 299);
    }
  });

  it('answers the adapter failures of every Acstkn endpoint as documented (401, 403, 415, 400, 413)', async () => {
    const operations = acstknOperations();
    expect(operations.length).to.be.greaterThan(0);
    for (const [method, path, operation] of operations) {
      const [, exampleValue] = contract.requestExamples(operation).find(([mediaType]) => mediaType.startsWith('application/json')) ?? [];
      const example = JSON.stringify(exampleValue);
      const cases: Array<[number, Record<string, string>, string]> = [
        [401, { 'content-type': 'application/json' }, example],
        [403, { 'content-type': 'application/json', acstkn: NO_SCOPE_TOKEN }, example],
        [415, { 'content-type': 'text/plain', acstkn: ALL_SCOPES_TOKEN }, example],
        [400, { 'content-type': 'application/json', acstkn: ALL_SCOPES_TOKEN }, '{"not json'],
        [400, { 'content-type': 'application/json', acstkn: ALL_SCOPES_TOKEN }, '[]'],
        [413, { 'content-type': 'application/json', acstkn: ALL_SCOPES_TOKEN }, `{"padding": "${'x'.repeat(BODY_LIMIT)}"}`],
      ];
      for (const [status, headers, body] of cases) {
        const reply = await send(`${app.baseUrl}${path}`, { method: method.toUpperCase(), headers, body });
        expect(reply.status, `${path} expecting ${status}: ${reply.text}`).to.equal(status);
        expect(contract.check(method, path, reply)).to.deep.equal([]);
      }
    }
  });
});
