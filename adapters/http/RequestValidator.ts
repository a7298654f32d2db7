import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { HttpProblem } from './HttpProblem.js';

// ajv-formats is CommonJS with a default export; NodeNext sees the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const ajv = addFormats(new Ajv({ allErrors: false, strict: false, coerceTypes: false }));

/** `memberId: must be string`: the field first, as callers read it. */
export function describeSchemaError(error: ErrorObject | undefined): string {
  if (!error) return 'invalid request';
  const path = error.instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (error.keyword === 'required') {
    const missing = String((error.params as { missingProperty: string }).missingProperty);
    return `${path ? `${path}.` : ''}${missing}: is required`;
  }
  if (error.keyword === 'additionalProperties') {
    const extra = String((error.params as { additionalProperty: string }).additionalProperty);
    return `${path ? `${path}.` : ''}${extra}: is not an accepted field`;
  }
  return `${path || 'body'}: ${error.message ?? 'is invalid'}`;
}

/** Compiles a JSON Schema once; `check` throws 400 VALIDATION_ERROR naming the field. */
export class RequestValidator<T> {
  private readonly validate: ValidateFunction;

  constructor(schema: object) {
    this.validate = ajv.compile(schema);
  }

  check(value: unknown): T {
    if (this.validate(value)) return value as T;
    throw new HttpProblem(400, 'VALIDATION_ERROR', describeSchemaError(this.validate.errors?.[0]));
  }
}
