import { ContainerModule, type Newable } from 'inversify';
import { BulkheadUnitOfWork } from '../adapters/persistence/BulkheadUnitOfWork.js';
import { CustomerCheck } from '../core/customer-check/CustomerCheck.js';
import { GetCreateInfo } from '../core/get-create-info/GetCreateInfo.js';
import { KycChangeNotifier } from '../core/kyc-change-notifier/KycChangeNotifier.js';
import { MoneyPlusEntry } from '../core/kyc-change-notifier/MoneyPlusEntry.js';
import { MoneyPlusSubscription } from '../core/kyc-change-notifier/MoneyPlusSubscription.js';
import { QueryFieldResult } from '../core/kyc-change-notifier/QueryFieldResult.js';
import { OutboxOverview } from '../core/ops-console/OutboxOverview.js';
import { RetryFailedOutboxMessages } from '../core/ops-console/RetryFailedOutboxMessages.js';
import { RetryOutboxMessage } from '../core/ops-console/RetryOutboxMessage.js';
import { SearchAuditLog } from '../core/ops-console/SearchAuditLog.js';
import { SearchOutboxMessages } from '../core/ops-console/SearchOutboxMessages.js';
import { ViewKycProfile } from '../core/ops-console/ViewKycProfile.js';
import { ViewMember } from '../core/ops-console/ViewMember.js';
import { ViewOutboxMessage } from '../core/ops-console/ViewOutboxMessage.js';
import { UnitOfWork } from '../core/shared/UnitOfWork.js';
import { UpgradeClaimMs, UpgradeTargetLevel, UpgradeUnitOfWork } from '../core/upgrade-account/ports.js';
import { UpgradeAccount } from '../core/upgrade-account/UpgradeAccount.js';

/** The use cases' own parameters, which the composition root reads from the configuration. */
export interface UseCaseSettings {
  /** The digital level UpgradeAccount sets (`esb.upgradeLevel`). */
  readonly upgradeLevel: string;
  /** How long an UpgradeAccount call holds a member's decision. */
  readonly upgradeClaimMs: number;
  /** UpgradeAccount's units of work at once (its bulkhead). */
  readonly upgradeTransactions: number;
}

/** Every use case of the service, built from its constructor's ports. */
const USE_CASES: readonly Newable<object>[] = [
  UpgradeAccount,
  GetCreateInfo,
  KycChangeNotifier,
  MoneyPlusSubscription,
  QueryFieldResult,
  MoneyPlusEntry,
  CustomerCheck,
  OutboxOverview,
  SearchOutboxMessages,
  ViewOutboxMessage,
  RetryOutboxMessage,
  RetryFailedOutboxMessages,
  SearchAuditLog,
  ViewKycProfile,
  ViewMember,
];

/**
 * The one place use cases are bound: each is its own class, one per container, and takes
 * its ports from the adapter modules. UpgradeAccount's unit of work goes through a bulkhead
 * so that a burst of upgrades leaves connections to the others.
 */
export function useCasesModule(settings: UseCaseSettings): ContainerModule {
  return new ContainerModule(({ bind }) => {
    for (const useCase of USE_CASES) bind(useCase).toSelf().inSingletonScope();
    bind(UpgradeTargetLevel).toConstantValue(settings.upgradeLevel);
    bind(UpgradeClaimMs).toConstantValue(settings.upgradeClaimMs);
    bind(UpgradeUnitOfWork)
      .toDynamicValue((context) => new BulkheadUnitOfWork(context.get<UnitOfWork>(UnitOfWork), settings.upgradeTransactions))
      .inSingletonScope();
  });
}
