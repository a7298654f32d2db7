import { configSchema } from './configSchema.js';
import { defaultConfig } from './defaults.js';
import { demoConfig } from './demo/demoConfig.js';
import { SECRET_KEYS } from './secretReferences.js';

/** The part of a JSON Schema node the reference reads. */
export interface SchemaNode {
  readonly type?: string;
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  readonly items?: SchemaNode;
  readonly anyOf?: readonly SchemaNode[];
  readonly oneOf?: readonly SchemaNode[];
  readonly $ref?: string;
  readonly description?: string;
  readonly 'x-secret'?: boolean;
  readonly 'x-reload'?: 'live' | 'restart';
  readonly 'x-env'?: string;
}

interface ConfigKey {
  /** Dotted, `[]` for the items of an array: `auth.consumers[].tokenSha256`. */
  readonly path: string;
  readonly node: SchemaNode;
  readonly optional: boolean;
  readonly reload: 'live' | 'restart';
  /** Under an array: the key has no default or demo value of its own. */
  readonly inItems: boolean;
}

/** A node with a local `$ref` (`#/$defs/…`) replaced by what it points to; its own annotations win. */
function resolved(node: SchemaNode, root: SchemaNode): SchemaNode {
  if (node.$ref === undefined) return node;
  const target = node.$ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((value, name) => (value as Record<string, unknown> | undefined)?.[name], root) as SchemaNode | undefined;
  if (target === undefined) throw new Error(`config schema: unresolved $ref ${node.$ref}`);
  const own = Object.fromEntries(Object.entries(node).filter(([key]) => key !== '$ref'));
  return { ...resolved(target, root), ...own };
}

/** Every key of the schema, depth first in the schema's order; a key without `x-reload` inherits its parent's. */
export function configKeys(schema: SchemaNode = configSchema as unknown as SchemaNode): ConfigKey[] {
  const keys: ConfigKey[] = [];
  const walk = (node: SchemaNode, path: string, reload: 'live' | 'restart', inItems: boolean): void => {
    for (const [name, reference] of Object.entries(node.properties ?? {})) {
      const child = resolved(reference, schema);
      const childPath = path ? `${path}.${name}` : name;
      const childReload = child['x-reload'] ?? reload;
      if (path) keys.push({ path: childPath, node: child, optional: !(node.required ?? []).includes(name), reload: childReload, inItems });
      if (child.properties) walk(child, childPath, childReload, inItems);
      const items = child.items && resolved(child.items, schema);
      if (items?.properties) walk(items, `${childPath}[]`, childReload, true);
    }
  };
  if (schema['x-reload'] === undefined) throw new Error('the config schema\'s root must say x-reload');
  walk(schema, '', schema['x-reload'], false);
  return keys;
}

/** A secret key that also accepts `{"env": …}` / `{"file": …}` (a branch of anyOf/oneOf with such a property). */
function takesReference(node: SchemaNode, root: SchemaNode): boolean {
  const values = node.type === 'array' && node.items ? resolved(node.items, root) : node;
  return [...(values.anyOf ?? []), ...(values.oneOf ?? [])]
    .map((branch) => resolved(branch, root))
    .some((branch) => branch.properties?.env !== undefined || branch.properties?.file !== undefined);
}

function typeOf(reference: SchemaNode, root: SchemaNode): string {
  const node = resolved(reference, root);
  if (node.enum) return node.enum.map((value) => `\`${JSON.stringify(value)}\``).join(', ');
  const alternatives = node.anyOf ?? node.oneOf;
  if (alternatives) return alternatives.map((branch) => typeOf(branch, root)).join(' or ');
  if (node.type === 'array') return node.items && resolved(node.items, root).properties ? 'array of objects' : `array of ${node.items ? typeOf(node.items, root) : 'values'}`;
  if (node.type === 'object' && (node.properties?.env || node.properties?.file)) return `reference {${Object.keys(node.properties).map((key) => `"${key}"`).join(' | ')}}`;
  const bounds =
    node.minimum !== undefined && node.maximum !== undefined
      ? ` ${node.minimum}–${node.maximum}`
      : node.minimum !== undefined
        ? ` ≥ ${node.minimum}`
        : node.minLength
          ? `, ≥ ${node.minLength} chars`
          : '';
  return `${node.type ?? 'value'}${bounds}`;
}

function valueAt(root: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((value, name) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined), root);
}

function shown(value: unknown): string {
  if (value === undefined) return 'none';
  if (Array.isArray(value) && value.some((item) => typeof item === 'object')) {
    // Items are named by their first key (a consumer's name, a partner's bizId, a bank's instId), never by a secret.
    const names = value.map((item) => Object.values(item as Record<string, unknown>)[0]).filter((name) => typeof name === 'string');
    return `${value.length} item${value.length === 1 ? '' : 's'}${names.length ? `: ${names.map((name) => `\`${name}\``).join(', ')}` : ''}`;
  }
  return `\`${JSON.stringify(value)}\``;
}

/** The rows of the keys resolved from `{"env"}` / `{"file"}` at start and reload (an array's items: the array's own row). */
const REFERENCE_ROWS = new Set(SECRET_KEYS.map((key) => key.replace(/\.\*/g, '[]').replace(/\[\]$/, '')));

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function row(key: ConfigKey, root: SchemaNode): string {
  const { node } = key;
  const objectValue = node.type === 'object';
  const fallback = key.inItems || objectValue ? '' : shown(valueAt(defaultConfig, key.path));
  const demo = key.inItems || objectValue ? undefined : valueAt(demoConfig, key.path);
  const secret = node['x-secret'] ? (takesReference(node, root) || REFERENCE_ROWS.has(key.path) ? 'yes; a reference' : 'yes') : '';
  const notes = [key.optional ? 'Optional.' : '', node.description ?? '', node['x-env'] ? `Environment: \`${node['x-env']}\`.` : ''].filter(Boolean).join(' ');
  return `| \`${key.path}\` | ${cell(typeOf(node, root))} | ${cell(fallback)} | ${cell(demo === undefined ? '' : shown(demo))} | ${secret} | ${key.reload} | ${cell(notes)} |`;
}

/** docs/configuration.md, whole: `npm run docs` writes it, a test compares it with this. */
export function renderConfigurationReference(schema: SchemaNode = configSchema as unknown as SchemaNode): string {
  const keys = configKeys(schema);
  const lines = [
    '<!-- Generated by `npm run docs` from config/configSchema.ts, config/defaults.ts and config/demo/demoConfig.ts. Do not edit: change the schema and run `npm run docs`. -->',
    '',
    '# Configuration reference',
    '',
    'Every configuration key Midplat reads. The production-safe defaults (`config/defaults.ts`) apply first;',
    'the embedded demo (neither `MIDPLAT_CONFIG` nor `DATABASE_URL` set) lays `config/demo/demoConfig.ts` over them;',
    'in production the JSON file named by `MIDPLAT_CONFIG` overrides them key by key (objects merge, arrays replace);',
    'the environment variables named below override both (one set to the empty string stops the start, naming it). The result is checked against `config/configSchema.ts`',
    'at start: an unknown key, a value of the wrong type or an unknown adapter name stops the process with exit',
    'code 2 and a message naming the key. How to write a production file, and what production refuses, is in',
    '[operations.md](operations.md#configure).',
    '',
    'Columns: **default** is what applies when the key is left out (blank for a section or an array item\'s field);',
    '**demo** is what the embedded demo sets instead (blank: the default); **secret** marks a credential, which the logs',
    'mask and which belongs in a file only the service user can read ("a reference": it may be given as',
    '`{"env": "NAME"}` or `{"file": "/path"}` instead of the value); **reload** says whether a reload',
    '(SIGHUP, [operations.md](operations.md#reload)) swaps the new value in (`live`) or the process must be restarted',
    'for it (`restart`).',
    '',
  ];
  for (const [section, node] of Object.entries(schema.properties ?? {})) {
    lines.push(`## \`${section}\``, '', node.description ?? '', '');
    lines.push('| key | type | default | demo | secret | reload | meaning |', '|---|---|---|---|---|---|---|');
    for (const key of keys.filter((each) => each.path.startsWith(`${section}.`))) lines.push(row(key, schema));
    lines.push('');
  }
  return lines.join('\n');
}
