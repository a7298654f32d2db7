// Run by upgradeFailFast.e2e.test.ts as a process of its own (`node --expose-gc upgradeHangProbe.js KIND TIMEOUT_MS MEMBERS`):
// the service and its callers start on a clean heap, not on the garbage of every test run before
// (in the full suite that garbage cost 200 ms collections in the measured window). Prints one JSON line.
import 'reflect-metadata';
import { PerformanceObserver } from 'node:perf_hooks';
import { FixtureLoader } from '../../../adapters/persistence/fixtures/FixtureLoader.js';
import { defineUpgradeAccountModels } from '../../../adapters/persistence/upgrade-account/upgradeAccountModels.js';
import { FakeEsbServer } from '../../support/FakeEsbServer.js';
import { postJson } from '../../support/http.js';
import { aMemberFixture } from '../../support/MemberMother.js';
import { startTestService, type TestService } from '../../support/startTestService.js';
import type { DatabaseKind } from '../../support/testDatabases.js';

const UPGRADE = '/intranet/api/v1.0/UpgradeAccount/IVRCheckUpgradeAccount';

export interface HangFigures {
  readonly memberIds: string[];
  /**
   * Each upgrade's answer: `status code`, how long the caller waited for it, and how long the
   * service took by its own clock (X-Response-Time, from the start of the call, where the
   * esb.timeoutMs deadline counts from): the caller's figure adds the wait of 40 connections
   * for a loaded machine to take them.
   */
  readonly replies: { readonly answer: string; readonly ms: number; readonly serviceMs: number }[];
  readonly esbRequests: number;
  /** One caller's latencies of the other use cases, sampled while every upgrade waited on the ESB. */
  readonly latencies: { readonly getCreateInfo: number[]; readonly kycChanged: number[]; readonly customerCheck: number[] };
  readonly longestGcPauseMs: number;
  /** `[status, deciding_until]` of each member's EDDA check afterwards. */
  readonly checks: [unknown, unknown][];
}

const elapsedMs = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e6;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function expectStatus(what: string, actual: unknown, expected: unknown): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/** The longest garbage-collection pause seen between start and stop, in ms. */
function watchGcPauses(): { stop(): number } {
  let longest = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    stop: () => {
      observer.disconnect();
      return Math.round(longest * 10) / 10;
    },
  };
}

async function probe(kind: DatabaseKind, timeoutMs: number, concurrentMembers: number): Promise<HangFigures> {
  const esb = new FakeEsbServer();
  const esbUrl = await esb.start();
  let midplat: TestService | undefined;
  try {
    midplat = await startTestService(kind, {
      esb: { adapter: 'http', url: esbUrl, timeoutMs, circuitBreaker: { failuresToOpen: 5, openMs: 3000, halfOpenProbes: 1 } },
      demo: { loadOnStart: true },
    });
    const service = midplat;
    const members = async (prefix: string, count: number) => {
      const ids = Array.from({ length: count }, (_, index) => `${prefix}${kind}${String(index).padStart(4, '0')}`);
      await service.service.container.get(FixtureLoader).load({ members: ids.map((memberId) => aMemberFixture({ memberId })) });
      return ids;
    };
    const upgrade = (memberId: string) => postJson(`${service.baseUrl}${UPGRADE}`, { memberId, isPass: true }, { acstkn: 'demo-ivr-token' });

    let kycEvent = 0;
    /** One call of each other use case; each answer's status is checked, each latency returned. */
    const otherUseCases = async () => {
      let started = process.hrtime.bigint();
      const info = await postJson(`${service.baseUrl}/intranet/api/v1.0/createaccount/GetCreateInfo`, { idno: 'A123456789' }, { acstkn: 'demo-cs-token' });
      const getCreateInfo = elapsedMs(started);
      expectStatus('GetCreateInfo', [info.status, info.body.data?.length > 0], [200, true]);
      kycEvent += 1;
      started = process.hrtime.bigint();
      const kyc = await postJson(
        `${service.baseUrl}/intranet/api/v1.0/kyc/KycChanged`,
        { eventId: `bulkhead-${kind}-${kycEvent}`, uid: '100000001', occurredAt: 1700000000 + kycEvent, type: 'WALLET', walletStatus: 'ACTIVE' },
        { acstkn: 'demo-kyc-token' },
      );
      const kycChanged = elapsedMs(started);
      expectStatus('KycChanged', kyc.status, 200);
      started = process.hrtime.bigint();
      const check = await postJson(
        `${service.baseUrl}/billing/CustomerCheck`,
        { Version: '1.0.1', InstId: '00001', TranCode: 'CustomerCheck', TranDate: '20240101', TranSeq: `B${kycEvent}`, billKey: '123456', companyId: '654321', queryType: 0 },
        { 'x-api-key': 'demo-billing-api-key-00001', datatype: 'JSON' },
      );
      const customerCheck = elapsedMs(started);
      expectStatus('CustomerCheck', [check.status, check.body.RespCode], [200, 'AAAAAAA']);
      return { getCreateInfo, kycChanged, customerCheck };
    };

    const ids = await members('HANG', concurrentMembers);
    // Warm-up (JIT, statement caches, pools): the other use cases, and upgrades of other members.
    for (let i = 0; i < 20; i += 1) await otherUseCases();
    for (const reply of await Promise.all((await members('WARM', 20)).map(upgrade))) expectStatus('warm-up upgrade', reply.status, 200);
    esb.requests.length = 0;
    esb.behaviour = { kind: 'hang' };
    (globalThis as { gc?: () => void }).gc?.();
    const gcPauses = watchGcPauses();

    const answers = ids.map(async (memberId) => {
      const started = process.hrtime.bigint();
      const reply = await upgrade(memberId);
      const serviceMs = Number.parseFloat(reply.headers.get('x-response-time') ?? 'NaN');
      return { answer: `${reply.status} ${String(reply.body.error?.error_code)}`, ms: Math.round(elapsedMs(started)), serviceMs };
    });
    let settled = false;
    const all = Promise.all(answers).finally(() => (settled = true));
    const latencies = { getCreateInfo: [] as number[], kycChanged: [] as number[], customerCheck: [] as number[] };
    // Sampled while the ESB hangs: from the moment every upgrade is inside DA21 until they all have answered.
    while (esb.requests.length < concurrentMembers && !settled) await sleep(5);
    // One caller at a time, as the customer-service system would be; a burst of our own would only measure this machine.
    while (!settled) {
      const one = await otherUseCases();
      latencies.getCreateInfo.push(one.getCreateInfo);
      latencies.kycChanged.push(one.kycChanged);
      latencies.customerCheck.push(one.customerCheck);
    }
    const replies = await all;
    const longestGcPauseMs = gcPauses.stop();

    const { EddaCheck } = service.service.database.models(defineUpgradeAccountModels);
    const rows = await EddaCheck.findAll({ where: { member_id: ids }, order: [['member_id', 'ASC']] });
    const checks = rows.map((check): [unknown, unknown] => [check.get('status'), check.get('deciding_until')]);
    return { memberIds: ids, replies, esbRequests: esb.requests.length, latencies, longestGcPauseMs, checks };
  } finally {
    await midplat?.stop();
    await esb.stop();
  }
}

const [kind, timeoutMs, members] = process.argv.slice(2);
if ((kind !== 'sqlite' && kind !== 'mariadb') || !Number(timeoutMs) || !Number(members)) {
  process.stderr.write('usage: node --expose-gc upgradeHangProbe.js sqlite|mariadb TIMEOUT_MS MEMBERS\n');
  process.exit(2);
}
probe(kind, Number(timeoutMs), Number(members)).then(
  (figures) => {
    process.stdout.write(`${JSON.stringify(figures)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
