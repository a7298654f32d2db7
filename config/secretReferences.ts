import { readFileSync } from 'node:fs';
import type { ConfigJson } from './loadConfig.js';
import { InvalidConfig } from './loadConfig.js';

/**
 * The configuration keys whose value is a secret and may be written as a reference
 * (SPEC 2.2.2): `*` stands for every index of an array. Anything else holding `{"env"}` or
 * `{"file"}` is left as it is, and the schema refuses it there.
 */
export const SECRET_KEYS: readonly string[] = [
  'database.password',
  'database.replicas.*',
  'auth.consumers.*.tokenSha256',
  'auth.consumers.*.tokens.*.sha256',
  'moneyPlus.partners.*.secret',
  'moneyPlus.partners.*.secrets.*',
  'billing.institutions.*.apiKey',
  'billing.institutions.*.apiKeys.*',
  'billing.institutions.*.key',
];

/** Where a secret comes from: an environment variable, or a file's content (Kubernetes and Docker secrets). */
export type SecretReference = { readonly env: string } | { readonly file: string };

interface SecretSources {
  readonly env: NodeJS.ProcessEnv;
  readonly readFile: (path: string) => string;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function isReference(value: unknown): value is Record<string, unknown> {
  return isObject(value) && ('env' in value || 'file' in value);
}

/** The secret a reference names; the message names the key and the variable or path, never a value. */
function resolveReference(key: string, reference: Record<string, unknown>, sources: SecretSources): string {
  const names = Object.keys(reference);
  if (names.length !== 1) throw new InvalidConfig(`config key ${key}: a secret reference is {"env": "NAME"} or {"file": "/path"}, alone`);
  if (typeof reference.env === 'string' && reference.env !== '') {
    const value = sources.env[reference.env];
    if (value === undefined || value === '') throw new InvalidConfig(`config key ${key}: environment variable ${reference.env} is unset or empty`);
    return value;
  }
  if (typeof reference.file === 'string' && reference.file !== '') {
    let content: string;
    try {
      content = sources.readFile(reference.file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new InvalidConfig(`config key ${key}: cannot read file ${reference.file} (${code})`);
    }
    // One trailing newline, as `echo` and most editors leave it, is not part of the secret.
    const secret = content.endsWith('\r\n') ? content.slice(0, -2) : content.endsWith('\n') ? content.slice(0, -1) : content;
    if (secret === '') throw new InvalidConfig(`config key ${key}: file ${reference.file} is empty`);
    return secret;
  }
  throw new InvalidConfig(`config key ${key}: "env" or "file" must name a variable or a path`);
}

function resolveAt(node: ConfigJson, path: readonly string[], key: string, sources: SecretSources): ConfigJson {
  if (path.length === 0) return isReference(node) ? resolveReference(key, node, sources) : node;
  const [head, ...rest] = path;
  if (head === '*') {
    return Array.isArray(node) ? node.map((item, index) => resolveAt(item, rest, `${key}.${index}`, sources)) : node;
  }
  if (!isObject(node) || !(head! in node)) return node;
  return { ...node, [head!]: resolveAt(node[head!] as ConfigJson, rest, key ? `${key}.${head}` : head!, sources) };
}


/**
 * The merged configuration with every secret reference replaced by the secret it names.
 * Throws InvalidConfig for the first reference that cannot be resolved (unset or empty
 * variable, missing, unreadable or empty file).
 */
export function resolveSecretReferences(config: ConfigJson, env: NodeJS.ProcessEnv, readFile = (path: string) => readFileSync(path, 'utf8')): ConfigJson {
  const sources: SecretSources = { env, readFile };
  return SECRET_KEYS.reduce((resolved, key) => resolveAt(resolved, key.split('.'), '', sources), config);
}
