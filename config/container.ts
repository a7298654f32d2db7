import 'reflect-metadata';
import { Container, ContainerModule } from 'inversify';
import { Registry } from 'prom-client';
import { httpDa21GatewayModule } from '../adapters/esb/upgrade-account/httpDa21GatewayModule.js';
import { EsbSettings } from '../adapters/esb/EsbSettings.js';
import { SystemClock } from '../adapters/clock/SystemClock.js';
import { getCreateInfoHttpModule } from '../adapters/http/get-create-info/getCreateInfoHttpModule.js';
import { customerCheckCodecModule } from '../adapters/codec/customer-check/customerCheckCodecModule.js';
import { customerCheckHttpModule } from '../adapters/http/customer-check/customerCheckHttpModule.js';
import { httpModule } from '../adapters/http/httpModule.js';
import { kycChangeNotifierHttpModule } from '../adapters/http/kyc-change-notifier/kycChangeNotifierHttpModule.js';
import { openApiModule } from '../adapters/http/openApiModule.js';
import { opsConsolePageModule } from '../adapters/http/ops-console/opsConsolePageModule.js';
import { opsConsoleHttpModule } from '../adapters/http/ops-console/opsConsoleHttpModule.js';
import { upgradeAccountHttpModule } from '../adapters/http/upgrade-account/upgradeAccountHttpModule.js';
import { Logger } from '../adapters/logging/Logger.js';
import { metricsModule } from '../adapters/metrics/metricsModule.js';
import { MetricsRegistry } from '../adapters/metrics/MetricsRegistry.js';
import { httpMoneyPlusCallbackModule } from '../adapters/money-plus/kyc-change-notifier/httpMoneyPlusCallbackModule.js';
import { moneyPlusModule } from '../adapters/money-plus/kyc-change-notifier/moneyPlusModule.js';
import type { Database } from '../adapters/persistence/Database.js';
import { getCreateInfoPersistenceModule } from '../adapters/persistence/get-create-info/getCreateInfoPersistenceModule.js';
import { customerCheckPersistenceModule } from '../adapters/persistence/customer-check/customerCheckPersistenceModule.js';
import { persistenceModule } from '../adapters/persistence/persistenceModule.js';
import { upgradeAccountPersistenceModule } from '../adapters/persistence/upgrade-account/upgradeAccountPersistenceModule.js';
import { CustomerCheck } from '../core/customer-check/CustomerCheck.js';
import { outboxPersistenceModule } from '../adapters/persistence/outbox/outboxPersistenceModule.js';
import { kycChangeNotifierPersistenceModule } from '../adapters/persistence/kyc-change-notifier/kycChangeNotifierPersistenceModule.js';
import { outboxWorkerModule } from '../adapters/scheduler/outboxWorkerModule.js';
import { Clock } from '../core/shared/Clock.js';
import { UpgradeAccount } from '../core/upgrade-account/UpgradeAccount.js';
import {
  AccountLevelGateway,
  EddaCheckRepository,
  MemberRepository,
  UpgradeClaimMs,
  UpgradeReviewRepository,
  UpgradeTargetLevel,
} from '../core/upgrade-account/ports.js';
import { UnitOfWork } from '../core/shared/UnitOfWork.js';
import { BulkheadUnitOfWork } from '../adapters/persistence/BulkheadUnitOfWork.js';
import { esbSimulatorModule } from '../plugins/esb-simulator/esbSimulatorModule.js';
import { customerCheckCryptoModule } from '../plugins/customer-check-crypto/customerCheckCryptoModule.js';
import { moneyPlusSimulatorModule } from '../plugins/money-plus-simulator/moneyPlusSimulatorModule.js';
import type { MidplatConfig } from './MidplatConfig.js';
import { opsConsoleStaticFolder } from './projectRoot.js';

/** The adapter or plugin that fills the DA21 port, by `esb.adapter`. */
const accountLevelGateways: Record<MidplatConfig['esb']['adapter'], ContainerModule> = {
  http: httpDa21GatewayModule,
  simulator: esbSimulatorModule,
};

/** The adapter or plugin that delivers Money+ callbacks, by `moneyPlus.adapter`. */
const moneyPlusCallbackClients: Record<MidplatConfig['moneyPlus']['adapter'], ContainerModule> = {
  http: httpMoneyPlusCallbackModule,
  simulator: moneyPlusSimulatorModule,
};

function pick<T>(table: Record<string, T>, key: string, configKey: string): T {
  const found = table[key];
  if (found === undefined) throw new Error(`${configKey}: unknown adapter "${key}" (known: ${Object.keys(table).join(', ')})`);
  return found;
}

export interface ContainerParts {
  readonly config: MidplatConfig;
  readonly database: Database;
  readonly logger: Logger;
}

/** The composition root: the only place that decides which adapter fills which port. */
export function buildContainer({ config, database, logger }: ContainerParts): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  const coreModule = new ContainerModule(({ bind }) => {
    bind(Logger).toConstantValue(logger);
    bind(MetricsRegistry).toConstantValue(new Registry());
    bind(Clock).to(SystemClock);
    bind(EsbSettings).toConstantValue(config.esb);
    bind(UpgradeTargetLevel).toConstantValue(config.esb.upgradeLevel);
    // A claim outlives the DA21 call it covers (its timeout) with room for the two short transactions;
    // a retry that takes over a late claim reuses the TransactionID, so the margin only needs to be usual.
    bind(UpgradeClaimMs).toConstantValue(config.esb.timeoutMs + 2000);
    // Bulkhead: a burst of upgrades leaves two pooled connections to the other use cases (SQLite: takes one writer slot at a time).
    const upgradeTransactions = database.dialect === 'sqlite' ? 1 : Math.max(1, config.database.poolMax - 2);
    bind(UpgradeAccount).toDynamicValue(
      (context) =>
        new UpgradeAccount(
          new BulkheadUnitOfWork(context.get<UnitOfWork>(UnitOfWork), upgradeTransactions),
          context.get(MemberRepository),
          context.get(EddaCheckRepository),
          context.get(UpgradeReviewRepository),
          context.get(AccountLevelGateway),
          context.get(Clock),
          context.get(UpgradeTargetLevel),
          context.get(UpgradeClaimMs),
        ),
    );
    bind(CustomerCheck).toSelf();
  });
  container.load(
    coreModule,
    persistenceModule(database),
    upgradeAccountPersistenceModule,
    outboxPersistenceModule,
    outboxWorkerModule(config.outbox),
    pick(accountLevelGateways, config.esb.adapter, 'esb.adapter'),
    httpModule(config),
    upgradeAccountHttpModule,
    metricsModule,
    openApiModule,
    opsConsolePageModule(opsConsoleStaticFolder),
    getCreateInfoPersistenceModule,
    getCreateInfoHttpModule,
    customerCheckPersistenceModule,
    customerCheckCodecModule,
    customerCheckCryptoModule(config.billing.institutions),
    customerCheckHttpModule(config),
    kycChangeNotifierPersistenceModule,
    moneyPlusModule(config),
    pick(moneyPlusCallbackClients, config.moneyPlus.adapter, 'moneyPlus.adapter'),
    kycChangeNotifierHttpModule,
    opsConsoleHttpModule,
  );
  return container;
}
