import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { CONFIG_ANNOTATION_KEYWORDS, configSchema } from './configSchema.js';
import { secretsOf } from '../adapters/money-plus/kyc-change-notifier/MoneyPlusSettings.js';
import { webhookKey } from '../adapters/money-plus/kyc-change-notifier/standardWebhooks.js';
import { defaultConfig } from './defaults.js';
import { demoConfig } from './demo/demoConfig.js';
import { findCredentialFormProblem } from './credentialForms.js';
import { findDemoCredential } from './demoSecrets.js';
import { resolveSecretReferences } from './secretReferences.js';
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

// verbose: an error carries its schema, so a key with alternatives can be described as a whole. The docs
// generator's annotations are declared, so strict mode still refuses any other unknown keyword.
const validate = new Ajv({ allErrors: false, strict: true, verbose: true, keywords: [...CONFIG_ANNOTATION_KEYWORDS] }).compile(configSchema);

/** Standard Webhooks asks for 24 to 64 random bytes; a shorter key makes the HMAC guessable. */
export const MIN_WEBHOOK_KEY_BYTES = 24;

/**
 * A replica's `host:port` names it in logs and metrics. A password character left unencoded
 * (`#`, `/`, `?`) ends the host early, so the "host" would be the user and the "port" the
 * start of the password: such a URL (or none at all) is refused, and the refusal never repeats it.
 */
function isWholeMysqlUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.hash === '' && !`${parsed.pathname}${parsed.search}`.includes('@');
}

/** Checks a whole configuration; throws InvalidConfig naming the first bad key. */
export function validateConfig(candidate: unknown): MidplatConfig {
  if (!validate(candidate)) {
    const errors = validate.errors ?? [];
    // A key with alternatives (anyOf) fails each of them; ajv would name only the first one's rule.
    const first = errors.find((error) => error.keyword === 'anyOf') ?? errors[0];
    const where = (first?.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.') || '(root)';
    const extra = first?.params && 'additionalProperty' in first.params ? `.${String(first.params.additionalProperty)}` : '';
    const described = (first?.parentSchema as { 'x-expected'?: string } | undefined)?.['x-expected'];
    throw new InvalidConfig(`config key ${where}${extra}: ${first?.keyword === 'anyOf' && described ? `must be ${described}` : (first?.message ?? 'invalid')}`);
  }
  const config = candidate as unknown as MidplatConfig;
  if (config.http.workers !== 1 && config.database.url.startsWith('sqlite:')) {
    throw new InvalidConfig('config key http.workers: must be 1 on SQLite (the single-process embedded default); more worker processes need a MySQL or MariaDB database');
  }
  const formProblem = findCredentialFormProblem(config);
  if (formProblem) throw new InvalidConfig(`config key ${formProblem[0]}: ${formProblem[1]}`);
  if (config.database.url.startsWith('sqlite:') && (config.database.replicas?.length ?? 0) > 0) {
    throw new InvalidConfig('config key database.replicas: read replicas need a mysql:// database.url (SQLite has none)');
  }
  const badReplica = (config.database.replicas ?? []).findIndex((url) => !isWholeMysqlUrl(url));
  if (badReplica >= 0) {
    throw new InvalidConfig(
      `config key database.replicas.${badReplica}: not a mysql://user:pass@host:port/db URL as written (percent-encode the reserved characters of the user and password)`,
    );
  }
  for (const [index, partner] of config.moneyPlus.partners.entries()) {
    for (const [position, secret] of secretsOf(partner).entries()) {
      const bytes = webhookKey(secret).length;
      if (bytes < MIN_WEBHOOK_KEY_BYTES) {
        const key = partner.secrets ? `secrets.${position}` : 'secret';
        throw new InvalidConfig(`config key moneyPlus.partners.${index}.${key}: the whsec_ key must decode to at least ${MIN_WEBHOOK_KEY_BYTES} bytes (it has ${bytes})`);
      }
    }
  }
  return config;
}

/**
 * SPEC 2.2.1: with neither MIDPLAT_CONFIG nor DATABASE_URL set, the process is the embedded
 * demo; as soon as either is set it is production, and nothing of the demo applies.
 */
export type ConfigMode = 'demo' | 'production';
export function configMode(env: NodeJS.ProcessEnv): ConfigMode {
  return env.MIDPLAT_CONFIG !== undefined || env.DATABASE_URL !== undefined ? 'production' : 'demo';
}

/** The environment variables the configuration reads. */
const CONFIG_VARIABLES = ['MIDPLAT_CONFIG', 'DATABASE_URL', 'PORT', 'LOG_LEVEL'] as const;

/**
 * SPEC 2.2.1: a variable set to the empty (or blank) string is a mistake, never a choice: an
 * empty MIDPLAT_CONFIG must not start the demo, an empty PORT must not mean port 0.
 */
function refuseEmptyVariables(env: NodeJS.ProcessEnv): void {
  for (const name of CONFIG_VARIABLES) {
    const value = env[name];
    if (value !== undefined && value.trim() === '') throw new InvalidConfig(`${name}: is set but empty; give it a value or unset it`);
  }
}

/** What production refuses although the schema allows it: demo credentials, demo data on start. */
function refuseDemoInProduction(config: MidplatConfig): void {
  const found = findDemoCredential(config);
  if (found) {
    const [key, what] = found;
    throw new InvalidConfig(`config key ${key}: is ${what}; a production configuration must not hold demo credentials`);
  }
  if (config.demo.loadOnStart) {
    throw new InvalidConfig('config key demo.loadOnStart: demo data never loads in production (the demo set is for the embedded demo only: neither MIDPLAT_CONFIG nor DATABASE_URL set)');
  }
}

/**
 * The production-safe defaults; in the embedded demo the demo overlay, in production the
 * JSON file named by MIDPLAT_CONFIG; then PORT / DATABASE_URL / LOG_LEVEL from the
 * environment; `overrides` (tests) apply last; then secret references are resolved, so
 * what is validated (and checked for demo credentials) is the secrets themselves. The mode
 * comes from `env` alone.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Json = {}): MidplatConfig {
  refuseEmptyVariables(env);
  const mode = configMode(env);
  let merged = defaultConfig as unknown as Json;
  if (mode === 'demo') merged = deepMerge(merged, demoConfig as unknown as Json);
  if (env.MIDPLAT_CONFIG !== undefined) merged = deepMerge(merged, readOverrideFile(env.MIDPLAT_CONFIG));
  merged = deepMerge(merged, envOverrides(env));
  merged = deepMerge(merged, overrides);
  merged = resolveSecretReferences(merged, env);
  const config = validateConfig(merged);
  if (mode === 'production') refuseDemoInProduction(config);
  return config;
}
export type { Json as ConfigJson };
