import { ContainerModule } from 'inversify';
import { JsonEndpoint } from '../JsonEndpoint.js';
import { OpsAuditSearchEndpoint } from './OpsAuditSearchEndpoint.js';
import { OpsKycProfileEndpoint } from './OpsKycProfileEndpoint.js';
import { OpsMemberEndpoint } from './OpsMemberEndpoint.js';
import { OpsMessageGetEndpoint } from './OpsMessageGetEndpoint.js';
import { OpsMessageRetryEndpoint } from './OpsMessageRetryEndpoint.js';
import { OpsMessageSearchEndpoint } from './OpsMessageSearchEndpoint.js';
import { OpsOverviewEndpoint } from './OpsOverviewEndpoint.js';
import { OpsRetryFailedEndpoint } from './OpsRetryFailedEndpoint.js';
import { OpsWhoamiEndpoint } from './OpsWhoamiEndpoint.js';

/** The operations console's JSON API under /ops/api (SPEC 8.1). */
export const opsConsoleHttpModule = new ContainerModule(({ bind }) => {
  for (const endpoint of [
    OpsWhoamiEndpoint,
    OpsOverviewEndpoint,
    OpsMessageSearchEndpoint,
    OpsMessageGetEndpoint,
    OpsMessageRetryEndpoint,
    OpsRetryFailedEndpoint,
    OpsKycProfileEndpoint,
    OpsMemberEndpoint,
    OpsAuditSearchEndpoint,
  ]) {
    bind(JsonEndpoint).to(endpoint).inSingletonScope();
  }
});
