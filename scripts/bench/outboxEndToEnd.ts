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
  };
  log(
    `${label}: ${posted} events in ${postSeconds.toFixed(1)} s (${(posted / postSeconds).toFixed(0)}/s), ${queued} callbacks, ` +
      `all delivered after ${result.allSeconds.toFixed(2)} s (${(queued / result.allSeconds).toFixed(0)} msg/s); ` +
      `enqueue->delivered p50 ${result.p50} ms, p99 ${result.p99} ms; CPU (of one core) driver ${percent(result.cpu.driver)}%, ` +
      `receiver ${percent(result.cpu.receiver)}%, server ${percent(result.cpu.server)}%` +
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

/**
 * One system on its own scratch database (the same data): the first event (its answer and
 * outbox row kept), a warm-up, the closed loop (throughput), the open loop (latency), then
 * every outbox row must be DONE.
 */
async function measure(label: string, rig: Rig, start: (databaseUrl: string) => Promise<RunningChild>, seconds: number): Promise<SystemResult> {
  const db = await scratchDatabase('mariadb');
  let server: RunningChild | undefined;
  try {
    await loadBenchData(db.url, subscribedUsers(Array.from({ length: USERS }, (_, n) => uidOf(n))));
    server = await start(db.url);
    const post = poster(server.url, rig.token);
    let n = 0;
    const next = () => n++;
    let probe: KycAnswer | undefined;
    const first = await phase(`${label} first event`, rig, server, async () => {
      probe = await post(next());
      return { posted: 1, queued: probe.callbacks.length };
    });
    if (first.queued !== 1) throw new Error(`${label}: the first event queued ${first.queued} callbacks, not 1`);
    const warm = await phase(`${label} warm-up`, rig, server, () => closedLoop(post, next, WARM_UP_S));
    const closed = await phase(`${label} closed loop (${POSTERS} posters)`, rig, server, () => closedLoop(post, next, seconds));
    const open = await phase(`${label} open loop (${OPEN_LOOP_PER_SECOND} events/s)`, rig, server, () => openLoop(post, next, seconds, OPEN_LOOP_PER_SECOND));
    const connection = await mysql.createConnection(db.url);
    try {
      await allRowsDone(connection, first.queued + warm.queued + closed.queued + open.queued, label);
      const { messageId } = probe!.callbacks[0]!;
      const [rows] = await connection.execute<mysql.RowDataPacket[]>('SELECT topic, partition_key, payload FROM outbox_messages WHERE id = ?', [messageId]);
      const answer = JSON.stringify(probe, (key, value: unknown) => (key === 'messageId' ? undefined : value));
      return { closed, open, probe: { answer, row: JSON.stringify(rows[0]) } };
    } finally {
      await connection.end();
    }
  } finally {
    await server?.stop();
    await db.drop();
  }
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
 * each on a fresh scratch database, with the same driver (this process) and receiver.
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
    try {
      const callbackUrl = `${receiver.url}/moneyplus/callback`;
      const midplat = await measure('Midplat', rig, (url) =>
        startMidplatProcess({ config: { ...secrets.configFor(callbackUrl), database: { url, poolMax: POOL_MAX } }, cpuProfileDir: profileDir }), seconds);
      const pipeline = await measure('least-work pipeline', rig, (url) =>
        forkBenchServer('leastWork/outboxPipeline.js', {
          DATABASE_URL: url,
          POOL_MAX: String(POOL_MAX),
          TOKEN_SHA256: createHash('sha256').update(secrets.token).digest('hex'),
          CALLBACK_URL: callbackUrl,
          WEBHOOK_SECRET: secrets.webhookSecret,
          BIZ_ID,
        }, profileDir), seconds);
      for (const part of ['answer', 'row'] as const) {
        if (midplat.probe[part] !== pipeline.probe[part]) throw new Error(`the first event's ${part} differs: ${midplat.probe[part]} vs ${pipeline.probe[part]}`);
      }
      log(`both answer ${midplat.probe.answer} and write ${midplat.probe.row}`);
      const rate = (result: SystemResult) => result.closed.queued / result.closed.allSeconds;
      return {
        name: 'outbox-e2e',
        figures: [...systemFigures('Midplat', midplat), ...systemFigures('least-work pipeline', pipeline)],
        ratios: [
          { label: 'Midplat / least-work pipeline, callbacks delivered per second (closed loop)', value: rate(midplat) / rate(pipeline), target: 0.5 },
          { label: `50 ms / Midplat enqueue->delivered p50 at ${OPEN_LOOP_PER_SECOND} events/s (>= 1: p50 <= 50 ms)`, value: 50 / Math.max(midplat.open.p50, 0.001), target: 1 },
          { label: `500 ms / Midplat enqueue->delivered p99 at ${OPEN_LOOP_PER_SECOND} events/s (>= 1: p99 <= 500 ms)`, value: 500 / Math.max(midplat.open.p99, 0.001), target: 1 },
        ],
      };
    } finally {
      await receiver.stop();
    }
  },
};
