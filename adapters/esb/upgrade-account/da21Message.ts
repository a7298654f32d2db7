import type { DigitalLevelChange } from '../../../core/upgrade-account/ports.js';
import type { EsbSettings } from '../EsbSettings.js';

/** The DA21 AcctInfoMod request of SPEC 3 (ESB JSON). */
export interface Da21Request {
  amheader: {
    ChannelID: string;
    ServiceDomain: 'DepositAccount';
    OperationName: 'AcctInfoMod';
    ConsumerID: string;
    TransactionID: string;
    RqTimestamp: string;
  };
  ambody: {
    AcctInfoModRq: {
      ServiceHeader: { TxnId: 'DA21' };
      CustInfo: { ArrngId: string; ProdName: string; AcctInfo: { DgtlLvl: string } };
    };
  };
}

const TAIPEI_OFFSET_MS = 8 * 3600 * 1000;

/** `2015-12-06T12:01:01.00+08:00`: the ESB's timestamp form, in Taipei time. */
export function esbTimestamp(at: Date): string {
  const local = new Date(at.getTime() + TAIPEI_OFFSET_MS).toISOString(); // 2015-12-06T12:01:01.123Z
  return `${local.slice(0, 19)}.${local.slice(20, 22)}+08:00`;
}

export function buildDa21Request(
  change: DigitalLevelChange,
  settings: Pick<EsbSettings, 'channelId' | 'consumerId'>,
  at: Date,
): Da21Request {
  return {
    amheader: {
      ChannelID: settings.channelId,
      ServiceDomain: 'DepositAccount',
      OperationName: 'AcctInfoMod',
      ConsumerID: settings.consumerId,
      TransactionID: change.transactionId,
      RqTimestamp: esbTimestamp(at),
    },
    ambody: {
      AcctInfoModRq: {
        ServiceHeader: { TxnId: 'DA21' },
        CustInfo: { ArrngId: change.accountId, ProdName: change.prodName, AcctInfo: { DgtlLvl: change.level } },
      },
    },
  };
}

export type Da21Outcome = { ok: true } | { ok: false; detail: string };

/**
 * Reads a DA21 reply: success only when
 * `ambody.AcctInfoModRs.ServiceHeader.RtrnStatCode[0].RtrnCode` is "200".
 * Extra header keys (the seed's misspelt `CnannelID`) are ignored.
 */
export function readDa21Reply(text: string): Da21Outcome {
  let reply: unknown;
  try {
    reply = JSON.parse(text);
  } catch {
    return { ok: false, detail: 'reply is not JSON' };
  }
  const statusCodes = (reply as { ambody?: { AcctInfoModRs?: { ServiceHeader?: { RtrnStatCode?: unknown } } } })
    ?.ambody?.AcctInfoModRs?.ServiceHeader?.RtrnStatCode;
  if (!Array.isArray(statusCodes) || statusCodes.length === 0) {
    return { ok: false, detail: 'reply has no RtrnStatCode' };
  }
  const first = statusCodes[0] as { RtrnCode?: unknown; RtrnDesc?: unknown };
  if (String(first?.RtrnCode) === '200') return { ok: true };
  const description = typeof first?.RtrnDesc === 'string' ? ` (${first.RtrnDesc.slice(0, 200)})` : '';
  return { ok: false, detail: `RtrnCode ${String(first?.RtrnCode)}${description}` };
}
