/**
 * The deliverer of the least-work outbox pipeline (`outboxPipeline.ts`), in the process that
 * enqueues: told the seqs of the rows each commit wrote, it reads those PENDING rows in seq
 * order, sends each uid's rows one after another and different uids in parallel (at most
 * MAX_PARALLEL_UIDS), retries a failed send until it succeeds (in order), and marks
 * delivered rows DONE in groups: one UPDATE at a time, taking whatever was delivered
 * meanwhile. No leases, no attempt log, no timeout, no scan for rows another process left
 * behind: the guarantees Midplat adds are what the bench prices.
 *
 * Why only announced rows are taken: commits finish out of seq order, so a row seen before
 * its commit is announced could overtake an earlier row of the same uid that no read has
 * covered yet. The profile lock makes a uid's next transaction wait for the previous commit,
 * and it writes its row several round trips later, by when that commit is announced: so an
 * announced row's predecessors were announced first, and taking announced rows in seq order
 * keeps each uid's order.
 */
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { buildCallbackRequest, readCallbackReply } from '../../../adapters/money-plus/kyc-change-notifier/moneyPlusCallbackRequest.js';
import type { MoneyPlusPartnerConfig } from '../../../adapters/money-plus/kyc-change-notifier/MoneyPlusSettings.js';
import { inList } from '../../../adapters/persistence/sqlList.js';
import { MONEYPLUS_CALLBACK_TOPIC } from '../../../core/kyc-change-notifier/MoneyPlusCallback.js';
import type { OutboxPayload } from '../../../core/shared/Outbox.js';

const MAX_PARALLEL_UIDS = 50;
const READ_BATCH = 512;
const DONE_GROUP_MAX = 256;
const RETRY_MS = 100;

/** Parameters: topic, from seq, to seq, limit. */
const READ_SQL =
  "SELECT seq, id, partition_key, payload FROM outbox_messages WHERE topic = ? AND status = 'PENDING' AND seq BETWEEN ? AND ? ORDER BY seq LIMIT ?";
/** Parameters: delivered_at, updated_at, ...seqs (an `inList`). */
const doneSql = (seqs: string) => `UPDATE outbox_messages SET status = 'DONE', delivered_at = ?, updated_at = ? WHERE seq IN (${seqs})`;

interface PendingRow extends RowDataPacket {
  readonly seq: number;
  readonly id: string;
  readonly partition_key: string;
  readonly payload: string;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class OutboxDeliverer {
  /** Seqs of committed rows not read yet. */
  private readonly announced = new Set<number>();
  private reading = false;
  /** Each uid's rows read and not yet delivered, in seq order; present while the uid has rows or a sender. */
  private readonly queues = new Map<string, PendingRow[]>();
  /** Uids with rows and no sender yet, oldest first. */
  private readonly waiting: string[] = [];
  private senders = 0;
  /** Delivered rows not yet marked DONE. */
  private readonly delivered: number[] = [];
  private marking = false;

  constructor(
    private readonly pool: Pool,
    private readonly partner: MoneyPlusPartnerConfig,
    private readonly log: (line: string) => void,
  ) {}

  /** After a commit: the seqs of the outbox rows it wrote. */
  committed(seqs: readonly number[]): void {
    for (const seq of seqs) this.announced.add(seq);
    if (seqs.length > 0) void this.read();
  }

  private async read(): Promise<void> {
    if (this.reading) return; // the running loop reads the new seqs too
    this.reading = true;
    try {
      while (this.announced.size > 0) {
        let from = Infinity;
        let to = -Infinity;
        for (const seq of this.announced) {
          from = Math.min(from, seq);
          to = Math.max(to, seq);
        }
        let rows: PendingRow[];
        try {
          [rows] = await this.pool.execute<PendingRow[]>(READ_SQL, [MONEYPLUS_CALLBACK_TOPIC, from, to, READ_BATCH]);
        } catch (error) {
          this.log(`read failed: ${(error as Error).message}`);
          await pause(RETRY_MS);
          continue;
        }
        // Rows in the range but not announced were read before, or their commit is not announced yet.
        for (const row of rows) if (this.announced.delete(Number(row.seq))) this.enqueue(row);
        this.startSenders();
      }
    } finally {
      this.reading = false;
    }
  }

  private enqueue(row: PendingRow): void {
    const queue = this.queues.get(row.partition_key);
    if (queue) {
      queue.push(row);
      return;
    }
    this.queues.set(row.partition_key, [row]);
    this.waiting.push(row.partition_key);
  }

  private startSenders(): void {
    while (this.senders < MAX_PARALLEL_UIDS && this.waiting.length > 0) {
      const uid = this.waiting.shift()!;
      this.senders += 1;
      void this.sendAll(uid).finally(() => {
        this.senders -= 1;
        this.startSenders();
      });
    }
  }

  /** The uid's rows one after another, including those read while it sends. */
  private async sendAll(uid: string): Promise<void> {
    const queue = this.queues.get(uid)!;
    while (queue.length > 0) {
      const row = queue[0]!;
      while (!(await this.send(row))) await pause(RETRY_MS);
      queue.shift();
      this.delivered.push(Number(row.seq));
      void this.markDone();
    }
    this.queues.delete(uid);
  }

  /** One signed POST, the request Midplat would send; true when Money+ answered `{"retcode": 0}`. */
  private async send(row: PendingRow): Promise<boolean> {
    const delivery = { id: row.id, topic: MONEYPLUS_CALLBACK_TOPIC, partitionKey: row.partition_key, payload: JSON.parse(row.payload) as OutboxPayload, attempt: 1 };
    const request = buildCallbackRequest(delivery, this.partner, Math.floor(Date.now() / 1000));
    try {
      const response = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body });
      const reply = readCallbackReply(response.status, await response.text());
      if (!reply.ok) this.log(`${row.id}: ${reply.error}`);
      return reply.ok;
    } catch (error) {
      this.log(`${row.id}: ${(error as Error).message}`);
      return false;
    }
  }

  private async markDone(): Promise<void> {
    if (this.marking) return; // the running loop takes these too
    this.marking = true;
    try {
      while (this.delivered.length > 0) {
        const group = this.delivered.splice(0, DONE_GROUP_MAX);
        const seqs = inList(group);
        const now = new Date();
        try {
          await this.pool.execute(doneSql(seqs.placeholders), [now, now, ...seqs.values]);
        } catch (error) {
          this.log(`marking done failed: ${(error as Error).message}`);
          this.delivered.unshift(...group);
          await pause(RETRY_MS);
        }
      }
    } finally {
      this.marking = false;
    }
  }
}
