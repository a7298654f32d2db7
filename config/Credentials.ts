import { ContainerModule, inject, injectable, multiInject, optional } from 'inversify';
import { AccessTokenAuthenticator } from '../adapters/http/AccessTokenAuthenticator.js';
import { Authenticator } from '../adapters/http/Authenticator.js';
import { InstitutionDirectory } from '../adapters/http/customer-check/ports.js';
import { CurrentAuthenticator } from '../adapters/http/CurrentAuthenticator.js';
import { ExpiredTokenObserver } from '../adapters/http/ExpiredTokenObserver.js';
import { authenticatorOptions } from '../adapters/http/httpModule.js';
import { LiveSnapshot } from '../adapters/lifecycle/LiveSnapshot.js';
import { Logger } from '../adapters/logging/Logger.js';
import { ConfiguredMoneyPlusPartners } from '../adapters/money-plus/kyc-change-notifier/ConfiguredMoneyPlusPartners.js';
import { CurrentMoneyPlusPartners } from '../adapters/money-plus/kyc-change-notifier/CurrentMoneyPlusPartners.js';
import { MoneyPlusPartnerEndpoints } from '../adapters/money-plus/kyc-change-notifier/MoneyPlusPartnerEndpoints.js';
import { MoneyPlusPartnerDirectory } from '../core/kyc-change-notifier/ports.js';
import { Clock } from '../core/shared/Clock.js';
import { buildInstitutionDirectory } from '../plugins/customer-check-crypto/customerCheckCryptoModule.js';
import { CurrentInstitutionDirectory } from '../plugins/customer-check-crypto/CurrentInstitutionDirectory.js';
import type { MidplatConfig } from './MidplatConfig.js';

/**
 * Everything a reload may change (SPEC 2.2.2), built from one configuration and replaced
 * as one: consumers and their tokens, partners and their secrets, institutions and their keys.
 */
export interface Credentials {
  readonly authenticator: AccessTokenAuthenticator;
  readonly partners: ConfiguredMoneyPlusPartners;
  readonly institutions: InstitutionDirectory;
}

/** The configuration the credentials are first built from. */
export const CredentialsConfig = Symbol.for('CredentialsConfig');

/**
 * The credentials in force. Building checks them whole (a bizId or an API key given twice,
 * a cipher key of the wrong size) and throws naming the key, before anything is replaced.
 */
@injectable()
export class CredentialStore {
  private readonly live: LiveSnapshot<Credentials>;
  private readonly options: ReturnType<typeof authenticatorOptions>;

  constructor(
    @inject(CredentialsConfig) config: MidplatConfig,
    @inject(Clock) clock: Clock,
    @inject(Logger) logger: Logger,
    @multiInject(ExpiredTokenObserver) @optional() observers: ExpiredTokenObserver[] = [],
  ) {
    this.options = authenticatorOptions(clock, logger, observers ?? []);
    this.live = new LiveSnapshot(this.build(config));
  }

  get current(): Credentials {
    return this.live.current;
  }

  /** Runs a request with the credentials of its start, to its end. */
  capture<R>(work: () => R): R {
    return this.live.capture(work);
  }

  /** Builds the credentials of `config` and puts them in force; throws (and changes nothing) if they are invalid. */
  replace(config: MidplatConfig): void {
    this.live.swap(this.build(config));
  }

  private build(config: MidplatConfig): Credentials {
    return {
      authenticator: new AccessTokenAuthenticator(config.auth.consumers, this.options),
      partners: new ConfiguredMoneyPlusPartners(config.moneyPlus),
      institutions: buildInstitutionDirectory(config.billing.institutions),
    };
  }
}

/** The ports the credentials fill, each asking the store which credentials are in force at every call. */
export function credentialsModule(config: MidplatConfig): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(CredentialsConfig).toConstantValue(config);
    bind(CredentialStore).toSelf().inSingletonScope();
    bind(Authenticator)
      .toDynamicValue((context) => {
        const store = context.get(CredentialStore);
        return new CurrentAuthenticator(() => store.current.authenticator);
      })
      .inSingletonScope();
    bind(CurrentMoneyPlusPartners)
      .toDynamicValue((context) => {
        const store = context.get(CredentialStore);
        return new CurrentMoneyPlusPartners(() => store.current.partners);
      })
      .inSingletonScope();
    bind(MoneyPlusPartnerDirectory).toService(CurrentMoneyPlusPartners);
    bind(MoneyPlusPartnerEndpoints).toService(CurrentMoneyPlusPartners);
    bind(InstitutionDirectory)
      .toDynamicValue((context) => {
        const store = context.get(CredentialStore);
        return new CurrentInstitutionDirectory(() => store.current.institutions);
      })
      .inSingletonScope();
  });
}
