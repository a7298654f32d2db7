import type { ClusterSettings } from '../adapters/cluster/ClusterSettings.js';
import type { EsbSettings } from '../adapters/esb/EsbSettings.js';
import type { AuthSettings } from '../adapters/http/AuthSettings.js';
import type { HttpSettings } from '../adapters/http/HttpSettings.js';
import type { MoneyPlusSettings } from '../adapters/money-plus/kyc-change-notifier/MoneyPlusSettings.js';
import type { DatabaseSettings } from '../adapters/persistence/Database.js';
import type { OutboxClaimSetting } from '../adapters/persistence/outbox/OutboxClaimMode.js';
import type { OutboxSettings } from '../adapters/scheduler/OutboxSettings.js';
import type { InstitutionConfig } from '../plugins/customer-check-crypto/InstitutionConfig.js';

/**
 * The validated configuration (SPEC 2.2). `configSchema` is its JSON Schema. Each section is
 * the settings type of the adapter that uses it; what is left here belongs to the composition
 * root: which adapter fills a port, and the use cases' own parameters.
 */
export interface MidplatConfig {
  http: HttpSettings & ClusterSettings;
  database: DatabaseSettings;
  log: { level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' };
  auth: AuthSettings;
  esb: EsbSettings & {
    adapter: 'http' | 'simulator';
    /** The digital level UpgradeAccount sets through DA21. */
    upgradeLevel: string;
  };
  moneyPlus: MoneyPlusSettings & { adapter: 'http' | 'simulator' };
  /** `claim` goes to the outbox's persistence adapter; the rest to its worker. */
  outbox: OutboxSettings & { claim: OutboxClaimSetting };
  billing: { institutions: readonly InstitutionConfig[] };
  /** `loadOnStart` only in the embedded demo; a production config that asks for it is refused. */
  demo: { loadOnStart: boolean };
}
