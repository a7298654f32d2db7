import { maskPii } from '../adapters/logging/maskPii.js';
import { OUTBOX_STATUSES } from '../adapters/persistence/outbox/outboxModels.js';
import type { OutboxMessageSummary } from '../adapters/persistence/outbox/outboxMessageSummary.js';
import { SequelizeOutboxOperatorQueries } from '../adapters/persistence/outbox/SequelizeOutboxOperatorQueries.js';
import { OutboxConsoleStore } from '../core/ops-console/ports.js';
import { MidplatService } from '../config/MidplatService.js';
import { RetryFailedOutboxMessages } from '../core/ops-console/RetryFailedOutboxMessages.js';
import { RetryOutboxMessage } from '../core/ops-console/RetryOutboxMessage.js';
import { AUDIT_ACTIONS, AuditLogReader, type AuditAction, type AuditRecord } from '../core/shared/AuditTrail.js';
import type { OutboxStatus } from '../core/shared/OutboxStore.js';
import { cliContext } from './cliContext.js';
import { configOrExit, runMain } from './runScript.js';

const usage =
  'usage: npm run outbox -- list [--status PENDING|DONE|FAILED] [--limit N] | show ID | retry ID | retry-failed | audit [--actor NAME] [--action ACTION] [--limit N]';

function time(value: Date | null): string {
  return value ? value.toISOString() : '-';
}

/** One line per message; never the payload (it carries personal data). */
function printTable(messages: OutboxMessageSummary[]): void {
  const rows = [['ID', 'TOPIC', 'PARTITION', 'STATUS', 'ATTEMPTS', 'NEXT ATTEMPT', 'LAST ERROR']];
  for (const m of messages) {
    const next = m.status === 'PENDING' ? time(m.nextAttemptAt) : '-';
    rows.push([m.id, m.topic, m.partitionKey, m.status, String(m.attempts), next, (m.lastError ?? '-').replace(/\s+/g, ' ').slice(0, 120)]);
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows) process.stdout.write(`${row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ')}\n`);
}

/** The audit trail, newest first, one line per action (SPEC 2.2.3). */
function printAudit(records: readonly AuditRecord[]): void {
  const rows = [['AT', 'ACTOR', 'ACTION', 'COUNT', 'OUTCOME', 'REQUEST ID', 'TARGET']];
  for (const r of records) rows.push([r.at.toISOString(), r.actor, r.action, String(r.count), r.outcome ?? '-', r.requestId, r.target]);
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows) process.stdout.write(`${row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ')}\n`);
}

function positiveLimit(args: string[]): number {
  const limit = Number(option(args, '--limit') ?? 50);
  if (!Number.isInteger(limit) || limit <= 0) throw new Error(`--limit must be a positive integer\n${usage}`);
  return limit;
}

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (value === undefined) throw new Error(`${name} needs a value\n${usage}`);
  return value;
}

runMain(async () => {
  const [command, ...args] = process.argv.slice(2);
  if (!command || !['list', 'show', 'retry', 'retry-failed', 'audit'].includes(command)) throw new Error(usage);
  const config = configOrExit();
  const service = new MidplatService({ ...config, demo: { loadOnStart: false }, log: { level: 'warn' } });
  try {
    await service.prepare();
    const store = service.container.get(SequelizeOutboxOperatorQueries);
    if (command === 'list') {
      const status = option(args, '--status')?.toUpperCase();
      if (status !== undefined && !OUTBOX_STATUSES.includes(status as OutboxStatus)) throw new Error(`unknown status ${status}\n${usage}`);
      printTable(await store.list({ status: status as OutboxStatus | undefined, limit: positiveLimit(args) }));
      return;
    }
    if (command === 'audit') {
      const action = option(args, '--action');
      if (action !== undefined && !AUDIT_ACTIONS.includes(action as AuditAction)) throw new Error(`unknown action ${action} (known: ${AUDIT_ACTIONS.join(', ')})\n${usage}`);
      const actor = option(args, '--actor');
      const filter = { ...(actor ? { actor } : {}), ...(action ? { action: action as AuditAction } : {}) };
      printAudit(await service.container.get<AuditLogReader>(AuditLogReader).search(filter, { limit: positiveLimit(args) }));
      return;
    }
    if (command === 'retry-failed') {
      // Through the use case, so the retry and its audit record (cli:<user>) commit together.
      const { count } = await service.container.get(RetryFailedOutboxMessages).execute({ filter: {}, dryRun: false }, cliContext());
      process.stdout.write(`${count} FAILED message(s) will be attempted now\n`);
      return;
    }
    const [id] = args;
    if (!id) throw new Error(`${command} needs a message ID\n${usage}`);
    const message = await store.find(id);
    if (!message) throw new Error(`no outbox message ${id}`);
    if (command === 'show') {
      // Every attempt, oldest first: when it started, how long, the HTTP status, the reply's first 1 KiB, the error.
      const attempts = await service.container.get<OutboxConsoleStore>(OutboxConsoleStore).attemptsOf(id);
      process.stdout.write(`${JSON.stringify({ ...message, payload: maskPii(message.payload), attemptLog: attempts }, null, 2)}\n`);
      return;
    }
    if (message.status === 'DONE') throw new Error(`outbox message ${id} was already delivered (DONE); nothing to retry`);
    await service.container.get(RetryOutboxMessage).execute(id, cliContext());
    process.stdout.write(`message ${id} (${message.status}) will be attempted now\n`);
  } finally {
    await service.database.close();
  }
});
