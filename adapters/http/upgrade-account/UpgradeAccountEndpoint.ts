import { inject, injectable } from 'inversify';
import type { RequestContext } from '../../../core/shared/RequestContext.js';
import { UpgradeAccount, type UpgradeAccountCommand } from '../../../core/upgrade-account/UpgradeAccount.js';
import type { JsonEndpoint } from '../JsonEndpoint.js';

/** `POST …/UpgradeAccount/IVRCheckUpgradeAccount` (seed 000), also under `/ap1`. */
@injectable()
export class UpgradeAccountEndpoint implements JsonEndpoint<UpgradeAccountCommand, Record<string, never>> {
  readonly operationId = 'IVRCheckUpgradeAccount';
  readonly summary = 'Video customer service reports whether a member passed; a pass upgrades the account through ESB DA21';
  readonly path = '/intranet/api/v1.0/UpgradeAccount/IVRCheckUpgradeAccount';
  readonly aliases = ['/ap1/intranet/api/v1.0/UpgradeAccount/IVRCheckUpgradeAccount'];
  readonly scope = 'upgrade:write' as const;
  readonly errorStyle = 'snake_case' as const;
  readonly requestSchema = {
    type: 'object',
    additionalProperties: false,
    required: ['memberId', 'isPass'],
    properties: {
      memberId: { type: 'string', minLength: 1, maxLength: 64, description: '會員Id' },
      isPass: { type: 'boolean', description: '是否驗證通過' },
    },
  };
  readonly responseDataSchema = { type: 'object', additionalProperties: false, properties: {} };
  readonly errorCodes = [
    'CUSTOMER_INFO_NOT_FOUND',
    'EDDA_NOT_VERIFIED',
    'UPGRADE_ALREADY_DECIDED',
    'UPGRADE_IN_PROGRESS',
    'ESB_DA21_FAILED',
    'ESB_TIMEOUT',
    'ESB_UNAVAILABLE',
  ];
  readonly example = { memberId: 'M0000000001', isPass: true };

  constructor(@inject(UpgradeAccount) private readonly upgradeAccount: UpgradeAccount) {}

  async handle(input: UpgradeAccountCommand, context: RequestContext): Promise<Record<string, never>> {
    await this.upgradeAccount.execute(input, context);
    return {};
  }
}
