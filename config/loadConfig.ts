import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { configSchema } from './configSchema.js';
import { defaultConfig } from './defaults.js';
import type { MidplatConfig } from './MidplatConfig.js';

/** A configuration that cannot run; the message names the offending key. */
export class InvalidConfig extends Error {}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isPlainObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; arrays and scalars of the override replace the base. */
export function deepMerge(base: Json, override: Json): Json {
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const merged: Record<string, Json> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    merged[key] = key in base ? deepMerge(base[key] as Json, value) : value;
  }
  return merged;
}

function readOverrideFile(path: string): Json {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InvalidConfig(`MIDPLAT_CONFIG: cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    throw new InvalidConfig(`MIDPLAT_CONFIG: ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

function envOverrides(env: NodeJS.ProcessEnv): Json {
  const overrides: Record<string, Json> = {};
  if (env.PORT !== undefined) {
    const port = Number(env.PORT);
    if (!Number.isInteger(port)) throw new InvalidConfig(`PORT: "${env.PORT}" is not a port number`);
    overrides.http = { port };
  }
  if (env.DATABASE_URL !== undefined) overrides.database = { url: env.DATABASE_URL };
  if (env.LOG_LEVEL !== undefined) overrides.log = { level: env.LOG_LEVEL };
  return overrides;
}

const validate = new Ajv({ allErrors: false, strict: true }).compile(configSchema);

/** Checks a whole configuration; throws InvalidConfig naming the first bad key. */
export function validateConfig(candidate: unknown): MidplatConfig {
  if (validate(candidate)) return candidate as unknown as MidplatConfig;
  const [first] = validate.errors ?? [];
  const where = (first?.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.') || '(root)';
  const extra = first?.params && 'additionalProperty' in first.params ? `.${String(first.params.additionalProperty)}` : '';
  throw new InvalidConfig(`config key ${where}${extra}: ${first?.message ?? 'invalid'}`);
}

/**
 * Defaults, then the JSON file named by MIDPLAT_CONFIG, then PORT / DATABASE_URL /
 * LOG_LEVEL from the environment; `overrides` (tests) apply last.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Json = {}): MidplatConfig {
  let merged = defaultConfig as unknown as Json;
  if (env.MIDPLAT_CONFIG) merged = deepMerge(merged, readOverrideFile(env.MIDPLAT_CONFIG));
  merged = deepMerge(merged, envOverrides(env));
  merged = deepMerge(merged, overrides);
  return validateConfig(merged);
}
export type { Json as ConfigJson };
