import { CODE_NAME_LENGTHS, SPECIAL_BITS, type FieldSpec, type Shape } from '../../../core/get-create-info/createInfoShape.js';

const DATE = '\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])';
const TIME = '([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d';

/** The JSON Schema patterns of the date and time kinds (SPEC 4 formats). */
export const FORMAT_PATTERNS = {
  date: `^${DATE}$`,
  time: `^${TIME}$`,
  dateTime: `^${DATE} ${TIME}$`,
  isoDateTime: `^${DATE}T${TIME}\\.\\d{3}Z$`,
} as const;

/** `response`: what the API returns (every key present). `fixture`: what the loader accepts (optional fields may be left out). */
export type SchemaUse = 'response' | 'fixture';

const nullable = (schema: Record<string, unknown>, required: boolean) =>
  required ? schema : { ...schema, type: [schema.type, 'null'] };

function fieldSchema(spec: FieldSpec, use: SchemaUse): object {
  switch (spec.kind) {
    case 'object':
      return { anyOf: [objectSchema(spec.fields, use), { type: 'null' }] };
    case 'array':
      return { type: 'array', items: objectSchema(spec.fields, use) };
    case 'codeName':
      return {
        type: ['object', 'null'],
        additionalProperties: false,
        required: ['code', 'name'],
        properties: { code: { type: 'string', maxLength: CODE_NAME_LENGTHS.code }, name: { type: ['string', 'null'], maxLength: CODE_NAME_LENGTHS.name } },
      };
    case 'stringList':
      return { type: 'array', items: { type: 'string', maxLength: 64 } };
    case 'specialNames':
      return { type: 'array', uniqueItems: true, items: { enum: SPECIAL_BITS.map(({ name }) => name) } };
    case 'boolean':
      return nullable({ type: 'boolean' }, spec.required === true);
    case 'integer': {
      const bounds = { minimum: spec.required ? 1 : 0, maximum: 2147483647 };
      return nullable({ type: 'integer', ...bounds }, spec.required === true);
    }
    default: {
      const schema: Record<string, unknown> = { type: 'string' };
      if (spec.maxLength !== undefined) schema.maxLength = spec.maxLength;
      if (spec.kind !== 'string') schema.pattern = FORMAT_PATTERNS[spec.kind];
      if (spec.pattern) schema.pattern = spec.pattern;
      if (spec.required && spec.kind === 'string') schema.minLength = 1;
      const typed = nullable(schema, spec.required === true);
      return spec.enum ? { ...typed, enum: [...spec.enum, ...(spec.required ? [] : [null])] } : typed;
    }
  }
}

/**
 * The JSON Schema of a shape's objects. A response lists every key; a fixture needs only
 * the keys (`required`), the rest default to null / [] and parent keys are filled in.
 */
export function objectSchema(shape: Shape, use: SchemaUse): object {
  const properties: Record<string, object> = {};
  const required: string[] = [];
  for (const [name, spec] of Object.entries(shape)) {
    properties[name] = fieldSchema(spec, use);
    const isRequiredScalar = 'required' in spec && spec.required === true && !('parentKey' in spec && spec.parentKey);
    if (use === 'response' || isRequiredScalar) required.push(name);
  }
  return { type: 'object', additionalProperties: false, required, properties };
}
