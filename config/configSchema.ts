import { SCOPES } from '../adapters/http/Scope.js';

const positiveInt = { type: 'integer', minimum: 1 } as const;
const sha256Hex = { type: 'string', pattern: '^[0-9a-f]{64}$' } as const;
const webhookSecret = { type: 'string', pattern: '^whsec_[A-Za-z0-9+/]+={0,2}$' } as const;
const apiKey = { type: 'string', minLength: 16 } as const;
/** An ISO 8601 instant with its offset, so that no process's time zone decides when a token expires. */
const instant = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$' } as const;

/** JSON Schema of MidplatConfig; unknown keys are refused so a typo cannot pass silently. */
export const configSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['http', 'database', 'log', 'auth', 'esb', 'moneyPlus', 'outbox', 'billing', 'demo'],
  properties: {
    http: {
      type: 'object',
      additionalProperties: false,
      required: ['port', 'bodyLimitBytes', 'shutdownGraceMs', 'headersTimeoutMs', 'maxConnections'],
      properties: {
        port: { type: 'integer', minimum: 0, maximum: 65535 },
        bodyLimitBytes: positiveInt,
        shutdownGraceMs: positiveInt,
        // Under the 60 s request timeout: a slow sender of headers is cut well before it.
        headersTimeoutMs: { type: 'integer', minimum: 1, maximum: 60000 },
        maxConnections: positiveInt,
      },
    },
    database: {
      type: 'object',
      additionalProperties: false,
      required: ['url', 'poolMax'],
      properties: {
        url: { type: 'string', pattern: '^(sqlite:|mysql://)' },
        poolMax: positiveInt,
        // Usually a reference ({"env"} or {"file"}); overrides a password written in the URL.
        password: { type: 'string', minLength: 1 },
      },
    },
    log: {
      type: 'object',
      additionalProperties: false,
      required: ['level'],
      properties: {
        level: { enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] },
      },
    },
    auth: {
      type: 'object',
      additionalProperties: false,
      required: ['consumers'],
      properties: {
        consumers: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            // tokenSha256 or tokens, exactly one (checked after the schema, naming the key).
            required: ['name', 'scopes'],
            properties: {
              name: { type: 'string', minLength: 1 },
              tokenSha256: sha256Hex,
              tokens: {
                type: 'array',
                minItems: 1,
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['sha256'],
                  properties: { sha256: sha256Hex, notAfter: instant },
                },
              },
              scopes: { type: 'array', items: { enum: [...SCOPES] }, uniqueItems: true },
              bizIds: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true },
            },
          },
        },
      },
    },
    esb: {
      type: 'object',
      additionalProperties: false,
      required: ['adapter', 'timeoutMs', 'channelId', 'consumerId', 'upgradeLevel', 'circuitBreaker'],
      properties: {
        adapter: { enum: ['http', 'simulator'] },
        url: { type: 'string', pattern: '^https?://' },
        timeoutMs: positiveInt,
        channelId: { type: 'string', minLength: 1 },
        consumerId: { type: 'string', minLength: 1 },
        upgradeLevel: { type: 'string', minLength: 1 },
        circuitBreaker: {
          type: 'object',
          additionalProperties: false,
          required: ['failuresToOpen', 'openMs', 'halfOpenProbes'],
          properties: { failuresToOpen: positiveInt, openMs: positiveInt, halfOpenProbes: positiveInt },
        },
      },
    },
    moneyPlus: {
      type: 'object',
      additionalProperties: false,
      required: ['adapter', 'maxAttempts', 'timeoutMs', 'partners'],
      properties: {
        adapter: { enum: ['http', 'simulator'] },
        maxAttempts: positiveInt,
        timeoutMs: positiveInt,
        partners: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            // secret or secrets (newest first), exactly one (checked after the schema, naming the key).
            required: ['bizId', 'callbackUrl', 'queryFields'],
            properties: {
              bizId: { type: 'string', minLength: 1 },
              secret: webhookSecret,
              secrets: { type: 'array', minItems: 1, items: webhookSecret },
              callbackUrl: { type: 'string', pattern: '^https?://' },
              queryFields: { type: 'array', items: { type: 'string' } },
            },
          },
        },
      },
    },
    outbox: {
      type: 'object',
      additionalProperties: false,
      required: ['schedule', 'batchSize', 'leaseMs', 'backoffMs', 'retentionDays', 'purgeSchedule', 'purgeBatchSize'],
      properties: {
        schedule: { type: 'string', minLength: 1 },
        batchSize: positiveInt,
        leaseMs: positiveInt,
        backoffMs: { type: 'array', minItems: 1, items: { type: 'integer', minimum: 0 } },
        retentionDays: positiveInt,
        purgeSchedule: { type: 'string', minLength: 1 },
        purgeBatchSize: { type: 'integer', minimum: 1, maximum: 10000 },
      },
    },
    billing: {
      type: 'object',
      additionalProperties: false,
      required: ['institutions'],
      properties: {
        institutions: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            // apiKey or apiKeys, exactly one (checked after the schema, naming the key).
            required: ['instId', 'encryptType'],
            properties: {
              instId: { type: 'string', minLength: 1 },
              apiKey,
              apiKeys: {
                type: 'array',
                minItems: 1,
                // if/then/else rather than anyOf, so a bad sha256 is reported at its own key.
                items: {
                  if: { type: 'object' },
                  then: { type: 'object', additionalProperties: false, required: ['sha256'], properties: { sha256: sha256Hex } },
                  else: apiKey,
                },
              },
              encryptType: { enum: ['NONE', 'SM4', 'AES'] },
              key: { type: 'string', pattern: '^([0-9a-fA-F]{2})*$' },
            },
          },
        },
      },
    },
    demo: {
      type: 'object',
      additionalProperties: false,
      required: ['loadOnStart'],
      properties: { loadOnStart: { type: 'boolean' } },
    },
  },
} as const;
