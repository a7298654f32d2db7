import { SCOPES } from '../adapters/http/Scope.js';

const positiveInt = { type: 'integer', minimum: 1 } as const;

/** JSON Schema of MidplatConfig; unknown keys are refused so a typo cannot pass silently. */
export const configSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['http', 'database', 'log', 'auth', 'esb', 'moneyPlus', 'outbox', 'billing', 'demo'],
  properties: {
    http: {
      type: 'object',
      additionalProperties: false,
      required: ['port', 'bodyLimitBytes', 'shutdownGraceMs', 'headersTimeoutMs', 'maxConnections', 'workers'],
      properties: {
        port: { type: 'integer', minimum: 0, maximum: 65535 },
        bodyLimitBytes: positiveInt,
        shutdownGraceMs: positiveInt,
        // Under the 60 s request timeout: a slow sender of headers is cut well before it.
        headersTimeoutMs: { type: 'integer', minimum: 1, maximum: 60000 },
        maxConnections: positiveInt,
        // More than 1: a node:cluster primary forks that many workers (SPEC 9); "auto" = one per core.
        workers: { anyOf: [positiveInt, { const: 'auto' }], description: 'a positive integer, or "auto" (one per core)' },
      },
    },
    database: {
      type: 'object',
      additionalProperties: false,
      required: ['url', 'poolMax'],
      properties: {
        url: { type: 'string', pattern: '^(sqlite:|mysql://)' },
        poolMax: positiveInt,
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
            required: ['name', 'tokenSha256', 'scopes'],
            properties: {
              name: { type: 'string', minLength: 1 },
              tokenSha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
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
            required: ['bizId', 'secret', 'callbackUrl', 'queryFields'],
            properties: {
              bizId: { type: 'string', minLength: 1 },
              secret: { type: 'string', pattern: '^whsec_[A-Za-z0-9+/]+={0,2}$' },
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
            required: ['instId', 'apiKey', 'encryptType'],
            properties: {
              instId: { type: 'string', minLength: 1 },
              apiKey: { type: 'string', minLength: 16 },
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
