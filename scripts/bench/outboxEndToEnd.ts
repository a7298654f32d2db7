import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import mysql from 'mysql2/promise';
import { loadBenchData, subscribedUsers } from './benchData.js';
import type { BenchFigure, Benchmark, BenchResult } from './BenchResult.js';
import { BenchSecrets, forkBenchServer, percentile, startMidplatProcess, type RunningChild } from './childServer.js';
import { CpuShares, localPidOf } from './cpuShares.js';
import { scratchDatabase } from './postLoad.js';

const PATH = '/intranet/api/v1.0/kyc/KycChanged';
const POSTERS = 16;
const USERS = 200;
const POOL_MAX = 10;
const OPEN_LOOP_PER_SECOND = 100;
const WARM_UP_S = 2;
/** The partner BenchSecrets configures. */
const BIZ_ID = 'MPLUS';
const log = (line: string) => process.stderr.write(`[outbox-e2e] ${line}\n`);
const uidOf = (n: number) => `E${String(n % USERS).padStart(6, '0')}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percent = (share: number) => (share * 100).toFixed(0);

interface ReceiverStats {
  received: number;
  distinct: number;
  badSignatures: number;
  outOfOrder: number;
  lastNewAt: number;
}

interface KycAnswer {
  readonly callbacks: readonly { bizId: string; messageId: string }[];
}

type Post = (n: number) => Promise<KycAnswer>;

interface Posted {
  readonly posted: number;
  readonly queued: number;
}

interface PhaseResult extends Posted {
  readonly postSeconds: number;
  /** First post to the last new delivery. */
  readonly allSeconds: number;
  readonly deliveredWhilePosting: number;
  readonly p50: number;
  readonly p99: number;
  /** POSTs the receiver saw, retries included. */
  readonly received: number;
  /** CPU seconds per wall second, first post to the last delivery (database: the local server, if found); machine: busy share of all cores. */
  readonly cpu: { readonly driver: number; readonly receiver: number; readonly server: number; readonly database?: number; readonly machine: number };
  /** The server process's CPU per callback queued: machine load disturbs it far less than the rates. */
  readonly serverCpuMsPerMessage: number;
}

interface SystemResult {
  readonly closed: PhaseResult;
  readonly open: PhaseResult;
  /** The first event's answer (message id left out) and its outbox row, to check both systems do the same. */
  readonly probe: { readonly answer: string; readonly row: string };
}

/** What both systems are measured with: the receiver, the consumer token, the local MariaDB server (if found) whose CPU is reported. */
interface Rig {
  readonly receiver: ChildProcess;
  readonly token: string;
  readonly databasePid?: number;
}

function ask<T>(child: ChildProcess, command: string): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (message: T) => resolve(message));
    child.send(command);
  });
}

/** The n-th KycChanged INFO event (a new name for uidOf(n), each newer than the last), posted to `url`. */
function poster(url: string, token: string): Post {
  const headers = { 'content-type': 'application/json', acstkn: token };
  return async (n) => {
    const response = await fetch(`${url}${PATH}`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ eventId: `e2e-${n}`, uid: uidOf(n), occurredAt: 1700000000 + n, type: 'INFO', info: { name: `Bench User ${n}` } }),
    });
    const body = (await response.json()) as { data?: KycAnswer };
    if (response.status !== 200) throw new Error(`KycChanged answered ${response.status}: ${JSON.stringify(body)}`);
    return body.data!;
  };
}

/** POSTERS posters, each posting as soon as its last answer came, for `seconds`. */
async function closedLoop(post: Post, next: () => number, seconds: number): Promise<Posted> {
  let posted = 0;
  let queued = 0;
  const started = performance.now();
  const posterLoop = async () => {
    while (performance.now() - started < seconds * 1000) {
      const answer = await post(next());
      posted += 1;
      queued += answer.callbacks.length;
    }
  };
  await Promise.all(Array.from({ length: POSTERS }, posterLoop));
  return { posted, queued };
}

/** `perSecond` events a second on a fixed schedule, whatever the answers' delays (open loop). */
async function openLoop(post: Post, next: () => number, seconds: number, perSecond: number): Promise<Posted> {
  const answers: Promise<KycAnswer>[] = [];
  const started = performance.now();
  const total = Math.round(seconds * perSecond);
  for (let i = 0; i < total; i += 1) {
    const wait = started + (i * 1000) / perSecond - performance.now();
    if (wait > 0) await sleep(wait);
    const answer = post(next());
    answer.catch(() => undefined); // awaited below; no unhandled rejection meanwhile
    answers.push(answer);
  }
  const settled = await Promise.all(answers);
  return { posted: total, queued: settled.reduce((sum, answer) => sum + answer.callbacks.length, 0) };
}

/**
 * Runs `load` and waits until the receiver saw every callback it queued, each correctly
 * signed and in its uid's order, with the driver's, the receiver's, the server's and the
 * machine's CPU over that time.
 */
async function phase(label: string, { receiver, databasePid }: Rig, server: RunningChild, load: () => Promise<Posted>): Promise<PhaseResult> {
  await ask(receiver, 'reset');
  const cpu = new CpuShares([receiver.pid!, server.process.pid!, ...(databasePid === undefined ? [] : [databasePid])]);
  const startedAt = Date.now();
  const started = performance.now();
  const { posted, queued } = await load();
  const postSeconds = (performance.now() - started) / 1000;
  let stats = await ask<ReceiverStats>(receiver, 'stats');
  const deliveredWhilePosting = stats.distinct;
  const deadline = performance.now() + 120_000;
  while (stats.distinct < queued && performance.now() < deadline) {
    await sleep(20);
    stats = await ask<ReceiverStats>(receiver, 'stats');
  }
  const shares = cpu.read();
  if (stats.distinct !== queued) throw new Error(`${label}: the receiver saw ${stats.distinct} of ${queued} callbacks`);
  if (stats.badSignatures > 0) throw new Error(`${label}: ${stats.badSignatures} callbacks were not signed with the partner's secret`);
  if (stats.outOfOrder > 0) throw new Error(`${label}: ${stats.outOfOrder} callbacks arrived before an earlier one of the same uid`);
  const { latenciesMs } = await ask<{ latenciesMs: number[] }>(receiver, 'latencies');
  const result: PhaseResult = {
    posted,
    queued,
    postSeconds,
    allSeconds: (stats.lastNewAt - startedAt) / 1000,
    deliveredWhilePosting,
    p50: percentile(latenciesMs, 50),
    p99: percentile(latenciesMs, 99),
    received: stats.received,
    cpu: { driver: shares.self, receiver: shares.children[0]!, server: shares.children[1]!, database: shares.children[2], machine: shares.machine },
    serverCpuMsPerMessage: (shares.children[1]! * shares.seconds * 1000) / Math.max(1, queued),
  };
  log(
    `${label}: ${posted} events in ${postSeconds.toFixed(1)} s (${(posted / postSeconds).toFixed(0)}/s), ${queued} callbacks, ` +
      `all delivered after ${result.allSeconds.toFixed(2)} s (${(queued / result.allSeconds).toFixed(0)} msg/s); ` +
      `enqueue->delivered p50 ${result.p50} ms, p99 ${result.p99} ms; CPU (of one core) driver ${percent(result.cpu.driver)}%, ` +
      `receiver ${percent(result.cpu.receiver)}%, server ${percent(result.cpu.server)}% (${result.serverCpuMsPerMessage.toFixed(2)} ms per callback)` +
      `${result.cpu.database === undefined ? '' : `, MariaDB ${percent(result.cpu.database)}%`}; machine busy ${percent(result.cpu.machine)}% of ${shares.cores} cores`,
  );
  return result;
}

/** Waits until every outbox row is DONE (both systems mark delivered rows done after sending). */
async function allRowsDone(connection: mysql.Connection, expected: number, label: string): Promise<void> {
  const deadline = performance.now() + 30_000;
  for (;;) {
    const [rows] = await connection.execute<mysql.RowDataPacket[]>('SELECT status, COUNT(*) AS n FROM outbox_messages GROUP BY status');
    const counts = Object.fromEntries(rows.map((row) => [row.status as string, Number(row.n)]));
    if (Object.keys(counts).length === 1 && counts.DONE === expected) return;
    if (performance.now() > deadline) throw new Error(`${label}: outbox rows ${JSON.stringify(counts)}, expected ${expected} DONE`);
    await sleep(50);
  }
}

/** One system under test, on its own scratch database loaded with the same data. */
interface System {
  readonly label: string;
  readonly databaseUrl: string;
  readonly server: RunningChild;
  readonly post: Post;
  /** The next event's number (each system starts at 0: the same events in the same order). */
  readonly next: () => number;
  /** Callbacks queued so far. */
  queued: number;
}

async function startSystem(label: string, rig: Rig, databaseUrl: string, start: (databaseUrl: string) => Promise<RunningChild>): Promise<System> {
  await loadBenchData(databaseUrl, subscribedUsers(Array.from({ length: USERS }, (_, n) => uidOf(n))));
  const server = await start(databaseUrl);
  let n = 0;
  return { label, databaseUrl, server, post: poster(server.url, rig.token), next: () => n++, queued: 0 };
}

/** A phase of one system, its callbacks counted. */
async function systemPhase(system: System, name: string, rig: Rig, load: (system: System) => Promise<Posted>): Promise<PhaseResult> {
  const result = await phase(`${system.label} ${name}`, rig, system.server, () => load(system));
  system.queued += result.queued;
  return result;
}

/**
 * After the phases: every outbox row must be DONE; the first event's answer (its message id
 * left out) and outbox row, to check both systems did the same.
 */
async function finish(system: System, first: KycAnswer): Promise<{ answer: string; row: string }> {
  const connection = await mysql.createConnection(system.databaseUrl);
  try {
    await allRowsDone(connection, system.queued, system.label);
    const [rows] = await connection.execute<mysql.RowDataPacket[]>('SELECT topic, partition_key, payload FROM outbox_messages WHERE id = ?', [first.callbacks[0]!.messageId]);
    return { answer: JSON.stringify(first, (key, value: unknown) => (key === 'messageId' ? undefined : value)), row: JSON.stringify(rows[0]) };
  } finally {
    await connection.end();
  }
}

/**
 * Both systems, phase by phase, one after the other (so load from elsewhere on the machine
 * hits both alike): the first event, a warm-up, the closed loop (throughput), the open loop
 * (latency); then the checks of `finish`.
 */
async function measureBoth(systems: readonly System[], rig: Rig, seconds: number): Promise<SystemResult[]> {
  const firsts: KycAnswer[] = [];
  for (const system of systems) {
    await systemPhase(system, 'first event', rig, async () => {
      const answer = await system.post(system.next());
      if (answer.callbacks.length !== 1) throw new Error(`${system.label}: the first event queued ${answer.callbacks.length} callbacks, not 1`);
      firsts.push(answer);
      return { posted: 1, queued: 1 };
    });
  }
  for (const system of systems) await systemPhase(system, 'warm-up', rig, () => closedLoop(system.post, system.next, WARM_UP_S));
  const closed: PhaseResult[] = [];
  for (const system of systems) closed.push(await systemPhase(system, `closed loop (${POSTERS} posters)`, rig, () => closedLoop(system.post, system.next, seconds)));
  const open: PhaseResult[] = [];
  for (const system of systems) {
    open.push(await systemPhase(system, `open loop (${OPEN_LOOP_PER_SECOND} events/s)`, rig, () => openLoop(system.post, system.next, seconds, OPEN_LOOP_PER_SECOND)));
  }
  const results: SystemResult[] = [];
  for (const [index, system] of systems.entries()) results.push({ closed: closed[index]!, open: open[index]!, probe: await finish(system, firsts[index]!) });
  return results;
}

function systemFigures(label: string, result: SystemResult): BenchFigure[] {
  const { closed, open } = result;
  return [
    { label: `${label}: KycChanged events posted (${POSTERS} posters)`, value: closed.posted / closed.postSeconds, unit: 'req/s' },
    { label: `${label}: callbacks delivered (first post to last delivery)`, value: closed.queued / closed.allSeconds, unit: 'msg/s' },
    { label: `${label}: callbacks delivered while posting`, value: closed.deliveredWhilePosting / closed.postSeconds, unit: 'msg/s' },
    { label: `${label}: enqueue->delivered p50 at ${OPEN_LOOP_PER_SECOND} events/s`, value: open.p50, unit: 'ms' },
    { label: `${label}: enqueue->delivered p99 at ${OPEN_LOOP_PER_SECOND} events/s`, value: open.p99, unit: 'ms' },
    { label: `${label}: enqueue->delivered p99 in the closed loop (saturated)`, value: closed.p99, unit: 'ms' },
    { label: `${label}: deliveries the receiver saw in the closed loop (retries included)`, value: closed.received, unit: 'POSTs' },
    { label: `${label} closed loop: driver (bench process) CPU`, value: closed.cpu.driver * 100, unit: '% of a core' },
    { label: `${label} closed loop: receiver CPU`, value: closed.cpu.receiver * 100, unit: '% of a core' },
    { label: `${label} closed loop: server process CPU`, value: closed.cpu.server * 100, unit: '% of a core' },
    { label: `${label} closed loop: server process CPU per callback`, value: closed.serverCpuMsPerMessage, unit: 'ms' },
    ...(closed.cpu.database === undefined ? [] : [{ label: `${label} closed loop: MariaDB server CPU (all its clients)`, value: closed.cpu.database * 100, unit: '% of a core' }]),
    { label: `${label} closed loop: machine busy (all processes, MariaDB included)`, value: closed.cpu.machine * 100, unit: '% of all cores' },
    { label: `${label} open loop: driver / receiver CPU`, value: (open.cpu.driver + open.cpu.receiver) * 100, unit: '% of a core' },
  ];
}

/**
 * The outbox end to end through the API, on MariaDB: KycChanged INFO events for 200
 * subscribed users, each queuing a signed Money+ callback delivered to a real receiver in
 * another process (which checks each signature and each uid's order). The real Midplat
 * process against the least-work pipeline (`leastWork/outboxPipeline.ts`: Koa + mysql2, the
 * same transaction and outbox rows, an in-process deliverer without leases or attempt log),
 * each on a fresh scratch database, with the same driver (this process) and receiver, phase
 * by phase one after the other.
 * Throughput: 16 closed-loop posters for BENCH_DURATION_S, delivered msg/s from the first
 * post to the last delivery (target Midplat >= 0.5x the pipeline). Latency: enqueue ->
 * delivered at 100 events/s open loop (targets p50 <= 50 ms, p99 <= 500 ms). The driver's,
 * receiver's and servers' CPU shares show what was the bottleneck.
 */
export const benchmark: Benchmark = {
  name: 'outbox-e2e',
  description: `KycChanged -> outbox -> Money+ receiver (${POSTERS} posters, ${USERS} subscribed users, MariaDB): Midplat vs a least-work Koa + mysql2 pipeline`,
  async run(): Promise<BenchResult> {
    const seconds = Number(process.env.BENCH_DURATION_S ?? 10);
    const profileDir = process.env.BENCH_CPU_PROF_DIR;
    const secrets = new BenchSecrets();
    const receiver = await forkBenchServer('leastWork/webhookReceiver.js', { WEBHOOK_SECRET: secrets.webhookSecret });
    const rig: Rig = { receiver: receiver.process, token: secrets.token, databasePid: localPidOf(['mariadbd', 'mysqld']) };
    const databases: { drop: () => Promise<void> }[] = [];
    const systems: System[] = [];
    try {
      const callbackUrl = `${receiver.url}/moneyplus/callback`;
      const scratch = async () => {
        const db = await scratchDatabase('mariadb');
        databases.push(db);
        return db.url;
      };
      systems.push(await startSystem('Midplat', rig, await scratch(), (url) =>
        startMidplatProcess({ config: { ...secrets.configFor(callbackUrl), database: { url, poolMax: POOL_MAX } }, cpuProfileDir: profileDir })));
      systems.push(await startSystem('least-work pipeline', rig, await scratch(), (url) =>
        forkBenchServer('leastWork/outboxPipeline.js', {
          DATABASE_URL: url,
          POOL_MAX: String(POOL_MAX),
          TOKEN_SHA256: createHash('sha256').update(secrets.token).digest('hex'),
          CALLBACK_URL: callbackUrl,
          WEBHOOK_SECRET: secrets.webhookSecret,
          BIZ_ID,
        }, profileDir)));
      const [midplat, pipeline] = (await measureBoth(systems, rig, seconds)) as [SystemResult, SystemResult];
      for (const part of ['answer', 'row'] as const) {
        if (midplat.probe[part] !== pipeline.probe[part]) throw new Error(`the first event's ${part} differs: ${midplat.probe[part]} vs ${pipeline.probe[part]}`);
      }
      log(`both answer ${midplat.probe.answer} and write ${midplat.probe.row}`);
      const rate = (result: SystemResult) => result.closed.queued / result.closed.allSeconds;
      return {
        name: 'outbox-e2e',
        figures: [
          ...systemFigures('Midplat', midplat),
          ...systemFigures('least-work pipeline', pipeline),
          {
            label: 'pipeline / Midplat server CPU per callback, closed loop (the ratio on an otherwise idle machine, if the database kept up)',
            value: pipeline.closed.serverCpuMsPerMessage / midplat.closed.serverCpuMsPerMessage,
            unit: 'x',
          },
        ],
        ratios: [
          { label: 'Midplat / least-work pipeline, callbacks delivered per second (closed loop)', value: rate(midplat) / rate(pipeline), target: 0.5 },
          { label: `50 ms / Midplat enqueue->delivered p50 at ${OPEN_LOOP_PER_SECOND} events/s (>= 1: p50 <= 50 ms)`, value: 50 / Math.max(midplat.open.p50, 0.001), target: 1 },
          { label: `500 ms / Midplat enqueue->delivered p99 at ${OPEN_LOOP_PER_SECOND} events/s (>= 1: p99 <= 500 ms)`, value: 500 / Math.max(midplat.open.p99, 0.001), target: 1 },
        ],
      };
    } finally {
      for (const system of systems) await system.server.stop();
      for (const db of databases) await db.drop();
      await receiver.stop();
    }
  },
};
