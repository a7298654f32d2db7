import { inject, injectable } from 'inversify';
import { Clock } from '../../core/shared/Clock.js';
import { AccountLevelGatewayFailed } from '../../core/upgrade-account/errors.js';
import type { AccountLevelGateway, DigitalLevelChange } from '../../core/upgrade-account/ports.js';
import { EsbSettings } from '../../adapters/esb/EsbSettings.js';
import { buildDa21Request, esbTimestamp, readDa21Reply, type Da21Request } from '../../adapters/esb/upgrade-account/da21Message.js';

/** The reply a core bank gives to DA21; accounts starting with `REJECT` are refused, for demos. */
export function simulatedDa21Reply(request: Da21Request, at: Date): object {
  const { ArrngId, ProdName, AcctInfo } = request.ambody.AcctInfoModRq.CustInfo;
  const refused = ArrngId.startsWith('REJECT');
  return {
    amheader: { ...request.amheader, RsTimestamp: esbTimestamp(at) },
    ambody: {
      AcctInfoModRs: {
        ServiceHeader: {
          TxnId: 'DA21',
          TxnNo: 'DA2100001',
          Signon: { CustId: 'ESBUSER' },
          RtrnStatCode: [refused ? { RtrnCode: '400', RtrnDesc: '400{account refused}' } : { RtrnCode: '200', RtrnDesc: '200{success}' }],
        },
        HeaderInfo: {},
        CustInfo: { ArrngId, ProdName, AcctInfo },
      },
    },
  };
}

/**
 * Answers DA21 in-process (esb.adapter = "simulator") so the service runs offline.
 * It builds and reads the same messages as the HTTP gateway.
 */
@injectable()
export class SimulatedDa21Gateway implements AccountLevelGateway {
  constructor(
    @inject(EsbSettings) private readonly settings: EsbSettings,
    @inject(Clock) private readonly clock: Clock,
  ) {}

  async setDigitalLevel(change: DigitalLevelChange): Promise<void> {
    const request = buildDa21Request(change, this.settings, this.clock.now());
    const outcome = readDa21Reply(JSON.stringify(simulatedDa21Reply(request, this.clock.now())));
    if (!outcome.ok) throw new AccountLevelGatewayFailed(outcome.detail);
  }
}
