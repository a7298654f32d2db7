import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import type { ConfigJson } from '../../../config/loadConfig.js';
import { postBilling, outField } from '../../support/customerCheckHttp.js';
import { postJson } from '../../support/http.js';
import { sha256 } from '../../support/productionFixtures.js';
import { ServiceProcess } from '../../support/ServiceProcess.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../../support/testDatabases.js';
import { waitFor } from '../../support/waitFor.js';

const RELOADS = 20;
const WORKERS = 6;
const STEADY_TOKEN = 'steady-consumer-token-0001';
/** The probe consumer's token: A in even generations, B in odd ones. */
const PROBE_TOKENS = ['probe-token-even-generations-A', 'probe-token-odd-generations-B'] as const;
/** Institution 00009's API key, read from a file the test rewrites: A in even generations, B in odd ones. */
const ROTATING_KEYS = ['rotating-bank-api-key-even-AAAA', 'rotating-bank-api-key-odd-BBBBBB'] as const;
const STEADY_KEY = 'steady-bank-api-key-00000001';
/** The partner the probe may act for: present in the configuration only in its own parity of generation. */
const PROBE_PARTNERS = ['PEVEN', 'PODD'] as const;
const ALL_SCOPES = ['upgrade:write', 'createinfo:read', 'kyc:write', 'moneyplus:read', 'moneyplus:subscribe', 'ops:read', 'ops:write'];
const secret = (fill: number) => `whsec_${Buffer.alloc(32, fill).toString('base64')}`;

/** Generation `g`'s configuration: which probe token, partner and (through the key file) institution key are in force. */
function configOf(generation: number, databaseUrl: string, keyFile: string): ConfigJson {
  const parity = generation % 2;
  return {
    // The probes present removed tokens on purpose, all from 127.0.0.1: no sign-in throttle here.
    http: { port: 0, signInFreeFailures: 1_000_000 },
    database: { url: databaseUrl, poolMax: 5 },
    log: { level: 'info' },
    esb: { adapter: 'simulator' },
    moneyPlus: {
      adapter: 'simulator',
      partners: [
        { bizId: 'PSTEADY', secret: secret(1), callbackUrl: 'http://127.0.0.1:9/cb', queryFields: ['name'] },
        { bizId: PROBE_PARTNERS[parity]!, secrets: [secret(2 + parity), secret(4)], callbackUrl: 'http://127.0.0.1:9/cb', queryFields: ['name'] },
      ],
    },
    auth: {
      consumers: [
        { name: 'steady', tokenSha256: sha256(STEADY_TOKEN), scopes: ALL_SCOPES, bizIds: ['PSTEADY'] },
        { name: 'probe', tokens: [{ sha256: sha256(PROBE_TOKENS[parity]!) }], scopes: ALL_SCOPES, bizIds: [PROBE_PARTNERS[parity]!] },
      ],
    },
    billing: {
      institutions: [
        { instId: '00001', apiKey: STEADY_KEY, encryptType: 'NONE' },
        { instId: '00009', apiKey: { file: keyFile }, encryptType: 'NONE' },
      ],
    },
  };
}

/** What a request's answer says of the configuration it met. */
type Answer = 'served' | 'denied' | 'mixed' | 'failed';

interface Probe {
  readonly name: string;
  /** The generations' parity in which its credential is valid; undefined: valid in all. */
  readonly validIn?: 0 | 1;
  send(baseUrl: string): Promise<Answer>;
}

function jsonProbe(path: string, body: object, token: string, validIn: 0 | 1 | undefined, check?: (reply: { status: number; body: any }) => Answer): Probe {
  return {
    name: `${path} as ${validIn === undefined ? 'steady' : `probe ${'AB'[validIn]}`}`,
    validIn,
    send: async (baseUrl) => {
      const reply = await postJson(`${baseUrl}${path}`, body, { Acstkn: token });
      if (reply.status >= 500) return 'failed';
      if (reply.status === 401) return 'denied';
      return check ? check(reply) : 'served';
    },
  };
}

function billingProbe(apiKey: string, validIn: 0 | 1 | undefined): Probe {
  const body =
    '<?xml version="1.0" encoding="UTF-8"?><in><Version>1.0.1</Version><InstId></InstId><TranCode>CustomerCheck</TranCode>' +
    '<TranDate>20240101</TranDate><TranSeq>1</TranSeq><billKey>999999</billKey><companyId>654321</companyId><queryType>0</queryType></in>';
  return {
    name: `CustomerCheck with ${validIn === undefined ? 'the steady key' : `key ${'AB'[validIn]}`}`,
    validIn,
    send: async (baseUrl) => {
      const reply = await postBilling(baseUrl, body, { 'content-type': 'application/xml', 'x-api-key': apiKey });
      if (reply.status >= 500) return 'failed';
      return outField(reply.bytes, 'RespCode') === 'ESECURE' ? 'denied' : 'served';
    },
  };
}

/**
 * Every endpoint, with the probe's token of each parity (and the steady consumer's). Bodies
 * the schema refuses keep the calls free of side effects: served is then a 400, denied a 401.
 * QueryFieldResult names the probe's partner of the same parity: a request authorized by one
 * generation's tokens but served by another's partners would answer PARTNER_NOT_FOUND, a mix.
 */
function probes(): Probe[] {
  const list: Probe[] = [];
  const bad = { unexpected: true };
  for (const parity of [0, 1] as const) {
    const token = PROBE_TOKENS[parity]!;
    list.push(
      jsonProbe('/intranet/api/v1.0/UpgradeAccount/IVRCheckUpgradeAccount', bad, token, parity),
      jsonProbe('/intranet/api/v1.0/createaccount/GetCreateInfo', { phone: '0900000000' }, token, parity),
      jsonProbe('/intranet/api/v1.0/kyc/KycChanged', bad, token, parity),
      jsonProbe('/intranet/api/v1.0/moneyplus/Subscription', bad, token, parity),
      jsonProbe('/intranet/api/v1.0/moneyplus/Entry', bad, token, parity),
      jsonProbe('/intranet/api/v1.0/moneyplus/QueryFieldResult', { uid: '100000999', bizId: PROBE_PARTNERS[parity] }, token, parity, (reply) =>
        reply.body?.error?.errorCode === 'PARTNER_NOT_FOUND' || reply.body?.error?.errorCode === 'FORBIDDEN' ? 'mixed' : 'served',
      ),
      jsonProbe('/ops/api/whoami', {}, token, parity, (reply) => (reply.body?.data?.consumer === 'probe' ? 'served' : 'mixed')),
      jsonProbe('/ops/api/overview', {}, token, parity),
      jsonProbe('/ops/api/messages/search', bad, token, parity),
      jsonProbe('/ops/api/messages/retry', bad, token, parity),
      jsonProbe('/ops/api/messages/retry-failed', bad, token, parity),
      billingProbe(ROTATING_KEYS[parity]!, parity),
    );
  }
  list.push(jsonProbe('/intranet/api/v1.0/createaccount/GetCreateInfo', { phone: '0900000000' }, STEADY_TOKEN, undefined), billingProbe(STEADY_KEY, undefined));
  return list;
}

interface Exchange {
  readonly probe: Probe;
  readonly sentAt: number;
  readonly doneAt: number;
  readonly answer: Answer;
}

/** One reload as the test saw it: the signal went before the swap, its log line came after. */
interface Reload {
  readonly signalledAt: number;
  readonly confirmedAt: number;
}

/**
 * The generations a request may have met: generation g can be in force from the signal that
 * brings it (the swap cannot come earlier) to the confirmation of the next one (nor later).
 */
function possibleGenerations(exchange: Exchange, reloads: readonly Reload[]): number[] {
  const generations: number[] = [];
  for (let generation = 0; generation <= reloads.length; generation += 1) {
    const from = generation === 0 ? -Infinity : reloads[generation - 1]!.signalledAt;
    const to = generation === reloads.length ? Infinity : reloads[generation]!.confirmedAt;
    if (exchange.sentAt <= to && exchange.doneAt >= from) generations.push(generation);
  }
  return generations;
}

const expectedIn = (probe: Probe, generation: number): Answer => (probe.validIn === undefined || probe.validIn === generation % 2 ? 'served' : 'denied');

describe('configuration reload on SIGHUP under load (SPEC 2.2.2, real process)', function () {
  this.timeout(300000);

  for (const kind of DATABASE_KINDS) {
    describe(`on ${kind}`, () => {
      let database: TestDatabase;
      let folder: string;
      let configFile: string;
      let keyFile: string;
      let service: ServiceProcess;
      let baseUrl: string;

      /** Writes generation g (config and key file) whole, each by rename, so the process never reads half a file. */
      const writeGeneration = (generation: number, config: ConfigJson = configOf(generation, database.url, keyFile)) => {
        writeFileSync(`${keyFile}.next`, `${ROTATING_KEYS[generation % 2]}\n`);
        renameSync(`${keyFile}.next`, keyFile);
        writeFileSync(`${configFile}.next`, JSON.stringify(config));
        renameSync(`${configFile}.next`, configFile);
      };
      const reloadLines = () => service.logs.filter((line) => typeof line.msg === 'string' && (line.msg as string).startsWith('configuration reload'));

      before(async () => {
        database = await createTestDatabase(kind);
        ({ folder, configFile } = ServiceProcess.writeConfig({}));
        keyFile = join(folder, 'rotating-api-key');
        writeGeneration(0);
        service = ServiceProcess.spawnWithConfigFile(configFile);
        baseUrl = await service.listening();
      });
      after(async () => {
        await service?.kill();
        rmSync(folder, { recursive: true, force: true });
        await database.drop();
      });

      it(`answers every request as the configuration of its moment says, through ${RELOADS} reloads under steady traffic on every endpoint`, async () => {
        const list = probes();
        const exchanges: Exchange[] = [];
        let running = true;
        const worker = async (offset: number) => {
          for (let index = offset; running; index += 1) {
            const probe = list[index % list.length]!;
            const sentAt = performance.now();
            const answer = await probe.send(baseUrl).catch((): Answer => 'failed');
            exchanges.push({ probe, sentAt, doneAt: performance.now(), answer });
          }
        };
        const workers = Array.from({ length: WORKERS }, (_, index) => worker(index * 3));
        const reloads: Reload[] = [];
        try {
          for (let generation = 1; generation <= RELOADS; generation += 1) {
            // Each generation serves a full round of probes after its confirmation before the next reload.
            const settledSince = reloads.at(-1)?.confirmedAt ?? 0;
            await waitFor(`traffic in generation ${generation - 1}`, () => exchanges.filter((exchange) => exchange.sentAt > settledSince).length >= list.length, 60000);
            writeGeneration(generation);
            const signalledAt = performance.now();
            service.child.kill('SIGHUP');
            await waitFor(`reload ${generation} logged`, () => reloadLines().length >= generation, 30000);
            reloads.push({ signalledAt, confirmedAt: performance.now() });
          }
          const settledSince = reloads.at(-1)!.confirmedAt;
          await waitFor('traffic in the last generation', () => exchanges.filter((exchange) => exchange.sentAt > settledSince).length >= list.length, 60000);
        } finally {
          running = false;
          await Promise.all(workers);
        }

        expect(reloadLines().map((line) => line.result)).to.deep.equal(Array(RELOADS).fill('applied'));
        const wrong = exchanges.filter((exchange) => {
          const allowed = possibleGenerations(exchange, reloads).map((generation) => expectedIn(exchange.probe, generation));
          return !allowed.includes(exchange.answer);
        });
        expect(wrong.map((exchange) => `${exchange.probe.name}: ${exchange.answer}`), `${wrong.length} of ${exchanges.length}`).to.deep.equal([]);
        // The check has teeth: most requests fell within one generation, and both answers occurred there.
        const definite = exchanges.filter((exchange) => possibleGenerations(exchange, reloads).length === 1 && exchange.probe.validIn !== undefined);
        expect(definite.filter((exchange) => exchange.answer === 'served').length).to.be.greaterThan(RELOADS * 5);
        expect(definite.filter((exchange) => exchange.answer === 'denied').length).to.be.greaterThan(RELOADS * 5);
        for (const probe of list) expect(definite.some((exchange) => exchange.probe === probe) || probe.validIn === undefined, probe.name).to.equal(true);
      });

      it('refuses an invalid configuration or an unresolvable reference (the running one keeps serving), and reports settings that need a restart', async () => {
        const before = reloadLines().length;
        const generation = RELOADS; // in force after the load test
        const current = configOf(generation, database.url, keyFile) as Record<string, ConfigJson>;
        const steadyAnswer = () => postJson(`${baseUrl}/intranet/api/v1.0/createaccount/GetCreateInfo`, { phone: '0900000000' }, { Acstkn: STEADY_TOKEN });

        writeGeneration(generation, { ...current, auth: { consumers: [{ name: 'x', tokens: [], scopes: [] }] } });
        service.child.kill('SIGHUP');
        await waitFor('the refusal', () => reloadLines().length >= before + 1, 30000);
        writeGeneration(generation, { ...current, auth: { consumers: [{ name: 'x', tokenSha256: { env: 'MIDPLAT_TEST_UNSET_VARIABLE' }, scopes: [] }] } });
        service.child.kill('SIGHUP');
        await waitFor('the second refusal', () => reloadLines().length >= before + 2, 30000);
        writeGeneration(generation, { ...current, http: { ...(current.http as object), port: 1 }, database: { url: database.url, poolMax: 7 } });
        service.child.kill('SIGHUP');
        await waitFor('the restart report', () => reloadLines().length >= before + 3, 30000);

        const [emptyList, unresolvable, restart] = reloadLines().slice(before);
        expect(emptyList).to.deep.include({ level: 50, result: 'refused', reason: 'config key auth.consumers.0.tokens: must NOT have fewer than 1 items' });
        expect(unresolvable).to.deep.include({ result: 'refused', reason: 'config key auth.consumers.0.tokenSha256: environment variable MIDPLAT_TEST_UNSET_VARIABLE is unset or empty' });
        expect(restart).to.deep.include({ level: 40, result: 'restart_required', restartKeys: ['database.poolMax', 'http.port'] });
        expect((await steadyAnswer()).status).to.equal(200);
        const probe = await postJson(`${baseUrl}/ops/api/whoami`, {}, { Acstkn: PROBE_TOKENS[generation % 2]! });
        expect(probe.body.data).to.deep.equal({ consumer: 'probe', scopes: [...ALL_SCOPES].sort() });
        const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
        expect(metrics).to.match(/midplat_config_reloads_total\{result="applied"\} 20\b/);
        expect(metrics).to.match(/midplat_config_reloads_total\{result="refused"\} 2\b/);
        expect(metrics).to.match(/midplat_config_reloads_total\{result="restart_required"\} 1\b/);
        // Every reload, accepted or refused, is in the audit trail.
        const audited = await postJson(`${baseUrl}/ops/api/audit/search`, { action: 'config.reload', limit: 200 }, { Acstkn: STEADY_TOKEN });
        const reloads = audited.body.data.items as Array<{ actor: string; outcome: string; target: string }>;
        expect(reloads.map((record) => record.outcome)).to.deep.equal(['restart_required', 'refused', 'refused', ...Array(RELOADS).fill('applied')]);
        expect(reloads.every((record) => record.actor === 'signal:SIGHUP')).to.equal(true);
        expect(JSON.parse(reloads[1]!.target)).to.deep.equal({ reason: 'config key auth.consumers.0.tokenSha256: environment variable MIDPLAT_TEST_UNSET_VARIABLE is unset or empty' });
      });
    });
  }
});
