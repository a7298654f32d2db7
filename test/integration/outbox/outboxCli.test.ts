import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'chai';
import { projectRoot } from '../../../config/projectRoot.js';
import { buildOutboxRig } from '../../support/outbox/outboxTestRig.js';
import { RecordingOutboxHandler } from '../../support/outbox/RecordingOutboxHandler.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../../support/testDatabases.js';

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function runCli(url: string, ...args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    const env = { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' };
    delete (env as NodeJS.ProcessEnv).MIDPLAT_CONFIG;
    execFile(process.execPath, [join(projectRoot, 'dist', 'scripts', 'outbox.js'), ...args], { env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const PII = { uid: 'u-failed', name: 'Tan Mei Ling', phone: '+60123456789', address: '12 Jalan Ampang, Kuala Lumpur' };

for (const kind of DATABASE_KINDS) {
  describe(`npm run outbox (${kind})`, () => {
    let testDatabase: TestDatabase;
    let failedId: string;
    let doneId: string;
    let pendingId: string;

    beforeEach(async () => {
      testDatabase = await createTestDatabase(kind);
      const handler = new RecordingOutboxHandler('test.topic', 1);
      handler.answer = (delivery) =>
        delivery.partitionKey === 'u-failed'
          ? { ok: false, error: 'HTTP 503 from receiver', reply: { httpStatus: 503, body: 'x'.repeat(1500) } }
          : { ok: true, reply: { httpStatus: 200, body: '{"retcode":0}' } };
      const rig = await buildOutboxRig({ url: testDatabase.url, handlers: [handler] });
      const enqueue = (topic: string, partitionKey: string, payload: Record<string, unknown>) =>
        rig.unitOfWork.run(() => rig.outbox.enqueue({ topic, partitionKey, payload }));
      failedId = await enqueue('test.topic', 'u-failed', PII);
      doneId = await enqueue('test.topic', 'u-done', { uid: 'u-done' });
      pendingId = await enqueue('unhandled.topic', 'u-pending', { uid: 'u-pending', phone: '+60199999999' });
      await rig.worker.runOnce();
      await rig.close();
    });

    afterEach(async () => {
      await testDatabase.drop();
    });

    it('list shows id, topic, partition key, status, attempts, next attempt and last error, but no payload data', async () => {
      const run = await runCli(testDatabase.url, 'list');
      expect(run.code, run.stderr).to.equal(0);
      const lines = run.stdout.trim().split('\n');
      expect(lines[0]).to.match(/^ID\s+TOPIC\s+PARTITION\s+STATUS\s+ATTEMPTS\s+NEXT ATTEMPT\s+LAST ERROR$/);
      expect(lines).to.have.length(4);
      const failedLine = lines.find((line) => line.startsWith(failedId))!;
      expect(failedLine).to.match(/test\.topic\s+u-failed\s+FAILED\s+1\s+-\s+HTTP 503 from receiver$/);
      expect(lines.find((line) => line.startsWith(doneId))).to.match(/u-done\s+DONE\s+1\s+-\s+-$/);
      expect(lines.find((line) => line.startsWith(pendingId))).to.match(/unhandled\.topic\s+u-pending\s+PENDING\s+0\s+\d{4}-\d\d-\d\dT/);
      for (const secret of ['Tan Mei Ling', '+60123456789', 'Jalan Ampang', '+60199999999']) expect(run.stdout).not.to.include(secret);
    });

    it('list --status FAILED shows only the failed messages', async () => {
      const run = await runCli(testDatabase.url, 'list', '--status', 'FAILED');
      expect(run.code, run.stderr).to.equal(0);
      const lines = run.stdout.trim().split('\n').slice(1);
      expect(lines.map((line) => line.split(/\s+/)[0])).to.deep.equal([failedId]);
    });

    it('show prints the message with its payload, personal data masked', async () => {
      const run = await runCli(testDatabase.url, 'show', failedId);
      expect(run.code, run.stderr).to.equal(0);
      const shown = JSON.parse(run.stdout) as Record<string, any>;
      expect(shown).to.include({ id: failedId, topic: 'test.topic', partitionKey: 'u-failed', status: 'FAILED', attempts: 1 });
      expect(shown.lastError).to.equal('HTTP 503 from receiver');
      expect(shown.payload.uid).to.equal('u-failed');
      expect(shown.payload.name).to.equal('Tan****ing');
      expect(shown.payload.phone).to.equal('+60****789');
      for (const secret of ['Tan Mei Ling', '+60123456789', 'Jalan Ampang']) expect(run.stdout).not.to.include(secret);
    });

    it('show prints every attempt: start, duration, HTTP status, the first 1 KiB of the reply and the error', async () => {
      const failed = JSON.parse((await runCli(testDatabase.url, 'show', failedId)).stdout) as Record<string, any>;
      expect(failed.attemptLog).to.have.length(1);
      expect(failed.attemptLog[0]).to.include({ attempt: 1, succeeded: false, httpStatus: 503, error: 'HTTP 503 from receiver' });
      expect(failed.attemptLog[0].responseExcerpt).to.equal('x'.repeat(1024));
      expect(Number.isNaN(Date.parse(failed.attemptLog[0].startedAt))).to.equal(false);
      expect(failed.attemptLog[0].durationMs).to.be.at.least(0);
      const done = JSON.parse((await runCli(testDatabase.url, 'show', doneId)).stdout) as Record<string, any>;
      expect(done.attemptLog.map((a: Record<string, unknown>) => [a.attempt, a.succeeded, a.httpStatus, a.responseExcerpt, a.error])).to.deep.equal([[1, true, 200, '{"retcode":0}', null]]);
      const pending = JSON.parse((await runCli(testDatabase.url, 'show', pendingId)).stdout) as Record<string, any>;
      expect(pending.attemptLog).to.deep.equal([]);
    });

    it('retry ID makes a FAILED message PENDING again, due now, with a fresh attempt count', async () => {
      const before = Date.now();
      const run = await runCli(testDatabase.url, 'retry', failedId);
      const after = Date.now();
      expect(run.code, run.stderr).to.equal(0);
      expect(run.stdout).to.include(`message ${failedId} (FAILED) will be attempted now`);
      const shown = JSON.parse((await runCli(testDatabase.url, 'show', failedId)).stdout) as Record<string, any>;
      expect(shown).to.include({ status: 'PENDING', attempts: 0 });
      // Due now: set while the command ran (a second below for a time stored without milliseconds), not after a backoff.
      expect(new Date(shown.nextAttemptAt).getTime()).to.be.within(before - 1000, after);
    });

    it('retry-failed resets every FAILED message and nothing else', async () => {
      const run = await runCli(testDatabase.url, 'retry-failed');
      expect(run.code, run.stderr).to.equal(0);
      expect(run.stdout).to.include('1 FAILED message(s) will be attempted now');
      const list = await runCli(testDatabase.url, 'list');
      expect(list.stdout).not.to.match(/FAILED/);
      expect(list.stdout.split('\n').find((line) => line.startsWith(doneId))).to.match(/DONE/);
    });

    it('refuses to retry a delivered message, and names an unknown id, with a non-zero exit', async () => {
      const done = await runCli(testDatabase.url, 'retry', doneId);
      expect(done.code).to.equal(1);
      expect(done.stderr).to.include('already delivered');
      const unknown = await runCli(testDatabase.url, 'show', 'no-such-id');
      expect(unknown.code).to.equal(1);
      expect(unknown.stderr).to.include('no outbox message no-such-id');
    });

    it('prints the usage for an unknown command', async () => {
      const run = await runCli(testDatabase.url, 'purge');
      expect(run.code).to.equal(1);
      expect(run.stderr).to.include('usage: npm run outbox -- list');
    });
  });
}
