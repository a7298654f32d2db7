import { ContainerModule } from 'inversify';
import { OutboxOverview } from '../../../core/ops-console/OutboxOverview.js';
import { PersonalDataMasker } from '../../../core/ops-console/ports.js';
import { RetryFailedOutboxMessages } from '../../../core/ops-console/RetryFailedOutboxMessages.js';
import { RetryOutboxMessage } from '../../../core/ops-console/RetryOutboxMessage.js';
import { SearchOutboxMessages } from '../../../core/ops-console/SearchOutboxMessages.js';
import { ViewKycProfile } from '../../../core/ops-console/ViewKycProfile.js';
import { ViewMember } from '../../../core/ops-console/ViewMember.js';
import { ViewOutboxMessage } from '../../../core/ops-console/ViewOutboxMessage.js';
import { LogMaskingPersonalDataMasker } from '../../logging/LogMaskingPersonalDataMasker.js';
import { JsonEndpoint } from '../JsonEndpoint.js';
import { OpsKycProfileEndpoint } from './OpsKycProfileEndpoint.js';
import { OpsMemberEndpoint } from './OpsMemberEndpoint.js';
import { OpsMessageGetEndpoint } from './OpsMessageGetEndpoint.js';
import { OpsMessageRetryEndpoint } from './OpsMessageRetryEndpoint.js';
import { OpsMessageSearchEndpoint } from './OpsMessageSearchEndpoint.js';
import { OpsOverviewEndpoint } from './OpsOverviewEndpoint.js';
import { OpsRetryFailedEndpoint } from './OpsRetryFailedEndpoint.js';
import { OpsWhoamiEndpoint } from './OpsWhoamiEndpoint.js';

/** The operations console's JSON API under /ops/api (SPEC 8.1) and the use cases it drives. */
export const opsConsoleHttpModule = new ContainerModule(({ bind }) => {
  bind(PersonalDataMasker).to(LogMaskingPersonalDataMasker).inSingletonScope();
  bind(OutboxOverview).toSelf().inSingletonScope();
  bind(SearchOutboxMessages).toSelf().inSingletonScope();
  bind(ViewOutboxMessage).toSelf().inSingletonScope();
  bind(RetryOutboxMessage).toSelf().inSingletonScope();
  bind(RetryFailedOutboxMessages).toSelf().inSingletonScope();
  bind(ViewKycProfile).toSelf().inSingletonScope();
  bind(ViewMember).toSelf().inSingletonScope();
  for (const endpoint of [
    OpsWhoamiEndpoint,
    OpsOverviewEndpoint,
    OpsMessageSearchEndpoint,
    OpsMessageGetEndpoint,
    OpsMessageRetryEndpoint,
    OpsRetryFailedEndpoint,
    OpsKycProfileEndpoint,
    OpsMemberEndpoint,
  ]) {
    bind(JsonEndpoint).to(endpoint).inSingletonScope();
  }
});
