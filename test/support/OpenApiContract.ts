import { createConfig, lintFromString } from '@redocly/openapi-core';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { operationsOf, type OpenApiObject } from '../../adapters/http/OpenApiDocument.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const DOCUMENT_ID = 'https://midplat.invalid/openapi.json';

/** What came back from the server, to hold against the document. */
export interface ObservedResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/**
 * Lints with Redocly's `recommended` ruleset; every problem (error or warning) is returned.
 * One exception: health/metrics probes (tag `operations`) have no client error to document.
 */
export async function lintOpenApi(document: OpenApiObject): Promise<string[]> {
  const config = await createConfig({ extends: ['recommended'] });
  const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: '/openapi.json', config });
  const probeResponses = new Set<string>();
  for (const [path, pathItem] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of operationsOf(pathItem as OpenApiObject)) {
      if ((operation.tags ?? []).includes('operations')) probeResponses.add(`#/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}/${method}/responses`);
    }
  }
  return problems
    .filter((problem) => !(problem.ruleId === 'operation-4xx-response' && probeResponses.has(problem.location[0]?.pointer ?? '')))
    .map((problem) => `${problem.severity} ${problem.ruleId}: ${problem.message} at ${problem.location[0]?.pointer ?? '?'}`);
}

function withAbsoluteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withAbsoluteRefs);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [key, key === '$ref' && typeof child === 'string' && child.startsWith('#') ? `${DOCUMENT_ID}${child}` : withAbsoluteRefs(child)]),
    );
  }
  return value;
}

function mediaTypeOf(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Finds the documented operation and response of a request and checks status, headers and body against it. */
export class OpenApiContract {
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<object, ValidateFunction>();

  constructor(readonly document: OpenApiObject) {
    this.ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
    this.ajv.addSchema({ $id: DOCUMENT_ID, components: withAbsoluteRefs(document.components ?? {}) });
  }

  /** Every documented operation: [method, path, operation]. */
  operations(): Array<[string, string, OpenApiObject]> {
    return Object.entries(this.document.paths as OpenApiObject).flatMap(([path, pathItem]) =>
      operationsOf(pathItem as OpenApiObject).map(([method, operation]) => [method, path, operation] as [string, string, OpenApiObject]),
    );
  }

  /** The request examples of an operation: [media type as documented, example value], from `example` or `examples`. */
  requestExamples(operation: OpenApiObject): Array<[string, unknown]> {
    return Object.entries((operation.requestBody ? this.resolve(operation.requestBody).content : undefined) ?? {}).flatMap(([mediaType, media]) => {
      const { example, examples } = media as OpenApiObject;
      if (example !== undefined) return [[mediaType, example] as [string, unknown]];
      return Object.values((examples ?? {}) as OpenApiObject)
        .map((entry) => this.resolve(entry as OpenApiObject).value)
        .filter((value) => value !== undefined)
        .map((value) => [mediaType, value] as [string, unknown]);
    });
  }

  resolve<T = OpenApiObject>(value: OpenApiObject): T {
    let current = value;
    while (typeof current?.$ref === 'string') {
      const pointer = (current.$ref as string).replace(/^#\//, '').split('/').map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
      current = pointer.reduce<OpenApiObject>((node, part) => node?.[part], this.document);
    }
    return current as T;
  }

  /** Problems of a response to `method path`; empty when it is as documented. */
  check(method: string, path: string, response: ObservedResponse): string[] {
    const where = `${method.toUpperCase()} ${path} → ${response.status}`;
    const operation = this.document.paths?.[path]?.[method.toLowerCase()] as OpenApiObject | undefined;
    if (!operation) return [`${where}: operation not documented`];
    const status = String(response.status);
    const responses = operation.responses as OpenApiObject;
    const documented = responses[status] ?? responses[`${status[0]}XX`] ?? responses.default;
    if (!documented) return [`${where}: status not documented (documented: ${Object.keys(responses).join(', ')})`];
    const declared = this.resolve(documented);
    const problems: string[] = [];
    for (const [name, header] of Object.entries((declared.headers ?? {}) as OpenApiObject)) {
      const resolved = this.resolve(header as OpenApiObject);
      const value = response.headers.get(name);
      if (value === null) {
        if (resolved.required) problems.push(`${where}: required header ${name} missing`);
      } else if (resolved.schema && !this.validator(resolved.schema)(value)) {
        problems.push(`${where}: header ${name}=${value} does not match its schema`);
      }
    }
    const content = (declared.content ?? {}) as OpenApiObject;
    if (Object.keys(content).length === 0) return problems;
    const mediaType = mediaTypeOf(response.headers.get('content-type'));
    // Document keys may carry parameters (`application/xml; charset=GBK`): match on the media type itself.
    const media = (content[mediaType] ?? Object.entries(content).find(([key]) => mediaTypeOf(key) === mediaType)?.[1]) as OpenApiObject | undefined;
    if (!media) return [...problems, `${where}: content type ${mediaType} not documented (documented: ${Object.keys(content).join(', ')})`];
    if (media.schema && /(^application\/json$|\+json$)/.test(mediaType)) {
      let body: unknown;
      try {
        body = JSON.parse(response.text);
      } catch {
        return [...problems, `${where}: body is not JSON: ${response.text.slice(0, 200)}`];
      }
      const validate = this.validator(media.schema as OpenApiObject);
      if (!validate(body)) problems.push(`${where}: body ${response.text.slice(0, 300)} breaks the schema: ${this.ajv.errorsText(validate.errors)}`);
    }
    return problems;
  }

  private validator(schema: OpenApiObject): ValidateFunction {
    let validate = this.compiled.get(schema);
    if (!validate) {
      validate = this.ajv.compile(withAbsoluteRefs(schema) as object);
      this.compiled.set(schema, validate);
    }
    return validate;
  }
}
