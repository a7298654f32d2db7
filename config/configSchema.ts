import { SCOPES } from '../adapters/http/Scope.js';
import { OUTBOX_CLAIM_SETTINGS } from '../adapters/persistence/outbox/OutboxClaimMode.js';

const positiveInt = { type: 'integer', minimum: 1 } as const;
const sha256Hex = { type: 'string', pattern: '^[0-9a-f]{64}$' } as const;
const webhookSecret = { type: 'string', pattern: '^whsec_[A-Za-z0-9+/]+={0,2}$' } as const;
const apiKey = { type: 'string', minLength: 16 } as const;
/** An ISO 8601 instant with its offset, so that no process's time zone decides when a token expires. */
const instant = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$' } as const;

/**
 * Keywords the validator ignores and `npm run docs` reads (docs/configuration.md):
 * - `x-secret: true` — a credential: never logged, kept out of the config file where it can be;
 * - `x-reload: "live" | "restart"` — whether a SIGHUP reload swaps it in or it needs a restart;
 *   a key without one inherits its nearest ancestor's (the root says `restart`);
 * - `x-env` — the environment variable that overrides the key;
 * - `x-expected` — on a key with alternatives (anyOf), what a refusal says it must be.
 */
export const CONFIG_ANNOTATION_KEYWORDS = ['x-secret', 'x-reload', 'x-env', 'x-expected'] as const;

/** JSON Schema of MidplatConfig; unknown keys are refused so a typo cannot pass silently. */
export const configSchema = {
  type: 'object',
  additionalProperties: false,
  'x-reload': 'restart',
  required: ['http', 'database', 'log', 'auth', 'esb', 'moneyPlus', 'outbox', 'billing', 'demo'],
  properties: {
    http: {
      type: 'object',
      additionalProperties: false,
      description: 'The HTTP server.',
      required: ['port', 'bodyLimitBytes', 'shutdownGraceMs', 'headersTimeoutMs', 'maxConnections', 'signInFreeFailures', 'workers'],
      properties: {
        port: { type: 'integer', minimum: 0, maximum: 65535, 'x-env': 'PORT', description: 'Listening port (`0`: any free port).' },
        bodyLimitBytes: { ...positiveInt, description: 'Larger request bodies get 413 `PAYLOAD_TOO_LARGE`.' },
        shutdownGraceMs: { ...positiveInt, description: 'How long in-flight requests may finish after SIGTERM before they are cut.' },
        // Under the 60 s request timeout: a slow sender of headers is cut well before it.
        headersTimeoutMs: {
          type: 'integer',
          minimum: 1,
          maximum: 60000,
          description: 'A client that has not sent its request headers by then is disconnected (at most the 60 s request timeout).',
        },
        maxConnections: { ...positiveInt, description: 'Open connections per process; more are refused at accept.' },
        signInFreeFailures: {
          ...positiveInt,
          description:
            'Wrong `Acstkn` tokens one client address may present before each further one bars the address (429 `TOO_MANY_REQUESTS`, `Retry-After` from 1 s doubling to 5 min). Counted per process and per address: behind a load balancer every client shares its address.',
        },
        // More than 1: a node:cluster primary forks that many workers (SPEC 9); "auto" = one per core.
        workers: {
          anyOf: [positiveInt, { const: 'auto' }],
          'x-expected': 'a positive integer, or "auto" (one per core)',
          description:
            'Worker processes (`node:cluster`): a positive integer, or `"auto"` (one per core). Above 1 the process is a primary that migrates once, forks the workers, restarts one that dies and drains them all on SIGTERM; `/metrics` answers for the whole group. MySQL only.',
        },
      },
    },
    database: {
      type: 'object',
      additionalProperties: false,
      description: 'The database.',
      required: ['url', 'poolMax', 'replicas', 'maxReplicaLagMs'],
      properties: {
        url: {
          type: 'string',
          pattern: '^(sqlite:|mysql://)',
          'x-secret': true,
          'x-env': 'DATABASE_URL',
          description: '`sqlite:<path>` (the embedded default) or `mysql://user:pass@host:port/db` (MySQL 8, MariaDB ≥ 10.6). Setting it (or `DATABASE_URL`) makes the process production.',
        },
        poolMax: {
          ...positiveInt,
          description: 'Connections per pool. MySQL has one pool for units of work and one for hot reads, so up to twice this per process; SQLite uses one writer.',
        },
        password: {
          type: 'string',
          minLength: 1,
          'x-secret': true,
          description: 'MySQL: the password, in place of the one in `url` (so the URL need not hold it); usually a reference.',
        },
        replicas: {
          type: 'array',
          items: { type: 'string', pattern: '^mysql://' },
          'x-secret': true,
          description:
            'MySQL read replicas (`mysql://user:pass@host:port/db`, same database name as the primary, reserved characters of the user and password percent-encoded; each URL may be a reference) for GetCreateInfo, CustomerCheck, QueryFieldResult, Entry and the operations console\'s views (profiles, members, messages, overview, audit); writes and reads inside a transaction stay on the primary. The user needs `REPLICATION CLIENT` (MySQL) or `SLAVE MONITOR` (MariaDB) for the lag probe. None by default; refused with SQLite.',
        },
        maxReplicaLagMs: {
          ...positiveInt,
          description:
            'A replica further behind than this (`Seconds_Behind_Master`/`Seconds_Behind_Source`; unknown while replication is stopped) is skipped and its reads go to the primary, as for a replica that is down or whose last migration is older than the primary\'s.',
        },
      },
    },
    log: {
      type: 'object',
      additionalProperties: false,
      description: 'Logging.',
      required: ['level'],
      properties: {
        level: { enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'x-env': 'LOG_LEVEL', description: 'The lowest level written to stdout.' },
      },
    },
    auth: {
      type: 'object',
      additionalProperties: false,
      description: 'Who may call the intranet APIs and the operations console.',
      'x-reload': 'live',
      required: ['consumers'],
      properties: {
        consumers: {
          type: 'array',
          description: 'The callers of the intranet APIs, each with its `Acstkn` token (stored as a digest) and scopes. None by default: every call answers 401.',
          items: {
            type: 'object',
            additionalProperties: false,
            // tokenSha256 or tokens, exactly one (checked after the schema, naming the key).
            required: ['name', 'scopes'],
            properties: {
              name: { type: 'string', minLength: 1, description: 'Written in the request log line and the audit; never a secret.' },
              tokenSha256: {
                type: 'string',
                pattern: '^[0-9a-f]{64}$',
                'x-secret': true,
                description: 'Single-token form of `tokens`. SHA-256 (hex) of the consumer\'s `Acstkn` token: `printf %s "$TOKEN" | sha256sum`. The token itself is never stored.',
              },
              tokens: {
                type: 'array',
                minItems: 1,
                description: 'Several tokens at once (rotation), instead of `tokenSha256`: each `{sha256, notAfter?}`; past its `notAfter` a token answers 401 like an unknown one.',
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['sha256'],
                  properties: {
                    sha256: { ...sha256Hex, 'x-secret': true, description: 'SHA-256 (hex) of one of the consumer\'s tokens.' },
                    notAfter: { ...instant, description: 'ISO 8601 instant with its offset after which the token is refused.' },
                  },
                },
              },
              scopes: { type: 'array', items: { enum: [...SCOPES] }, uniqueItems: true, description: 'What the token may call (see docs/api.md).' },
              bizIds: {
                type: 'array',
                items: { type: 'string', minLength: 1 },
                uniqueItems: true,
                description: 'The Money+ partners this consumer acts for; without it, none.',
              },
            },
          },
        },
      },
    },
    esb: {
      type: 'object',
      additionalProperties: false,
      description: 'The core bank ESB and its transaction DA21 (UpgradeAccount).',
      required: ['adapter', 'timeoutMs', 'channelId', 'consumerId', 'upgradeLevel', 'circuitBreaker'],
      properties: {
        adapter: { enum: ['http', 'simulator'], description: '`http` calls the real ESB at `esb.url`; `simulator` answers in-process (demos).' },
        url: { type: 'string', pattern: '^https?://', description: 'The DA21 endpoint; required with the `http` adapter (there is no default address).' },
        timeoutMs: {
          ...positiveInt,
          description: 'DA21 deadline, counted from the start of the UpgradeAccount call (then 504 `ESB_TIMEOUT`); a decision\'s claim lasts this plus 2 s.',
        },
        channelId: { type: 'string', minLength: 1, description: 'DA21 header `ChannelID`.' },
        consumerId: { type: 'string', minLength: 1, description: 'DA21 header `ConsumerID`.' },
        upgradeLevel: { type: 'string', minLength: 1, description: 'The digital level an approved video review sets.' },
        circuitBreaker: {
          type: 'object',
          additionalProperties: false,
          description: 'The DA21 circuit breaker of the `http` adapter; while open, calls answer 503 `ESB_UNAVAILABLE` at once.',
          required: ['failuresToOpen', 'openMs', 'halfOpenProbes'],
          properties: {
            failuresToOpen: { ...positiveInt, description: 'Consecutive timeouts or unreachable-ESB failures that open it.' },
            openMs: { ...positiveInt, description: 'How long it stays open before probing.' },
            halfOpenProbes: { ...positiveInt, description: 'Calls let through when half-open; a success closes it.' },
          },
        },
      },
    },
    moneyPlus: {
      type: 'object',
      additionalProperties: false,
      description: 'The wallet partner Money+ and its signed KYC callbacks.',
      required: ['adapter', 'maxAttempts', 'timeoutMs', 'partners'],
      properties: {
        adapter: { enum: ['http', 'simulator'], description: '`http` POSTs to each partner\'s `callbackUrl`; `simulator` answers in-process (demos).' },
        maxAttempts: { ...positiveInt, description: 'Delivery attempts before a callback is marked `FAILED`.' },
        timeoutMs: { ...positiveInt, description: 'Deadline of one callback attempt.' },
        partners: {
          type: 'array',
          'x-reload': 'live',
          description: 'The partners that receive callbacks. None by default.',
          items: {
            type: 'object',
            additionalProperties: false,
            // secret or secrets (newest first), exactly one (checked after the schema, naming the key).
            required: ['bizId', 'callbackUrl', 'queryFields'],
            properties: {
              bizId: { type: 'string', minLength: 1, description: 'The partner\'s id, as in requests (`bizId`) and callbacks (`biz_id`).' },
              secret: {
                type: 'string',
                pattern: '^whsec_[A-Za-z0-9+/]+={0,2}$',
                'x-secret': true,
                description: 'Standard Webhooks signing secret: `whsec_` + base64 of at least 24 random bytes. Single-secret form of `secrets`.',
              },
              secrets: {
                type: 'array',
                minItems: 1,
                'x-secret': true,
                items: webhookSecret,
                description: 'Several secrets during a rotation, newest first: every callback carries one `v1,` signature per secret, so the partner verifies with either.',
              },
              callbackUrl: { type: 'string', pattern: '^https?://', description: 'Where the callbacks are POSTed.' },
              queryFields: { type: 'array', items: { type: 'string' }, description: 'The fields QueryFieldResult answers this partner, named as in the callbacks.' },
            },
          },
        },
      },
    },
    outbox: {
      type: 'object',
      additionalProperties: false,
      description: 'The outbox worker that delivers callbacks, and its retention job.',
      required: ['schedule', 'batchSize', 'leaseMs', 'backoffMs', 'retentionDays', 'purgeSchedule', 'purgeBatchSize', 'claim'],
      properties: {
        schedule: { type: 'string', minLength: 1, description: 'node-cron expression (with seconds) of the worker\'s safety-net poll; a commit wakes the local worker at once anyway.' },
        batchSize: { ...positiveInt, description: 'Messages claimed per poll.' },
        leaseMs: { ...positiveInt, description: 'How long a claim lasts; a crashed worker\'s messages are retried after it.' },
        backoffMs: {
          type: 'array',
          minItems: 1,
          items: { type: 'integer', minimum: 0 },
          description: 'Wait after failed attempt n (the last entry repeats), ±20 % jitter; a receiver\'s `Retry-After` is honoured up to the largest entry.',
        },
        retentionDays: { ...positiveInt, description: 'Delivered messages, their attempts and processed KYC event ids older than this are deleted; FAILED and PENDING messages and KYC history never are.' },
        purgeSchedule: { type: 'string', minLength: 1, description: 'node-cron expression of the retention job.' },
        purgeBatchSize: { type: 'integer', minimum: 1, maximum: 10000, description: 'Rows deleted per short transaction by the retention job.' },
        claim: {
          enum: [...OUTBOX_CLAIM_SETTINGS],
          description:
            'How workers take messages. `skip-locked`: `SELECT … FOR UPDATE SKIP LOCKED` plus a lease (MySQL 8, MariaDB ≥ 10.6). ' +
            '`lease-update`: a conditional UPDATE that takes only free or expired leases, then a read of the rows won; needs no SKIP LOCKED ' +
            '(TiDB parses it and takes no lock). `auto`: `lease-update` when `SELECT VERSION()` names TiDB, else `skip-locked`; decided once, at the ' +
            'first claim, and logged. SQLite has one writer: any value is accepted and its own claim is used.',
        },
      },
    },
    billing: {
      type: 'object',
      additionalProperties: false,
      description: 'CustomerCheck\'s partner banks.',
      required: ['institutions'],
      properties: {
        institutions: {
          type: 'array',
          'x-reload': 'live',
          description: 'The banks allowed to call CustomerCheck. None by default: every call answers 403 `ESECURE`.',
          items: {
            type: 'object',
            additionalProperties: false,
            // apiKey or apiKeys, exactly one (checked after the schema, naming the key).
            required: ['instId', 'encryptType'],
            properties: {
              instId: { type: 'string', minLength: 1, description: 'The bank\'s `InstId`; a request must name its own key\'s.' },
              apiKey: { ...apiKey, 'x-secret': true, description: 'The bank\'s `X-Api-Key` (at least 16 characters). Single-key form of `apiKeys`.' },
              apiKeys: {
                type: 'array',
                minItems: 1,
                'x-secret': true,
                description: 'Several keys accepted at once (rotation): each the key, or only `{"sha256": "<hex>"}` of it.',
                // if/then/else rather than anyOf, so a bad sha256 is reported at its own key.
                items: {
                  if: { type: 'object' },
                  then: { type: 'object', additionalProperties: false, required: ['sha256'], properties: { sha256: sha256Hex } },
                  else: apiKey,
                },
              },
              encryptType: { enum: ['NONE', 'SM4', 'AES'], description: 'Body encryption required of this bank (CBC, base64 of IV ‖ ciphertext both ways).' },
              key: {
                type: 'string',
                pattern: '^([0-9a-fA-F]{2})*$',
                'x-secret': true,
                description: 'Cipher key in hex: 16 bytes for SM4; 16, 24 or 32 for AES; absent or empty for `NONE`.',
              },
            },
          },
        },
      },
    },
    demo: {
      type: 'object',
      additionalProperties: false,
      description: 'The embedded demo.',
      required: ['loadOnStart'],
      properties: { loadOnStart: { type: 'boolean', description: 'Load `config/demo/*.json` once on start (the embedded demo only; refused in production).' } },
    },
  },
} as const;
