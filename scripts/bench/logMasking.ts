import { Writable } from 'node:stream';
import { createLogger } from '../../adapters/logging/Logger.js';
import { maskPii } from '../../adapters/logging/maskPii.js';
import type { Benchmark, BenchFigure } from './BenchResult.js';
import { bestRoundMicroseconds } from './bestRoundMicroseconds.js';

/**
 * `npm run bench -- log-masking`: what maskPii costs a log line, in process. The access-log
 * line (flat, no sensitive key: returned uncopied) against a nested record with PII and a
 * database error, and one access-log line through the whole logger to a null sink.
 * Best of a few rounds, in µs per record. Figures only.
 */
const RECORDS = Number(process.env.BENCH_LOG_RECORDS ?? 200000);
const ROUNDS = 5;

export const benchmark: Benchmark = {
  name: 'log-masking',
  description: `maskPii and the logger on an access-log line and a nested record (${RECORDS} records × ${ROUNDS} rounds, best round)`,
  async run() {
    const accessLine = { requestId: 'b1a5e7f0-3c4d-4e5f-8a9b-0c1d2e3f4a5b', method: 'POST', route: '/billing/CustomerCheck', status: 200, durationMs: 1.3, consumer: 'billing:00001' };
    const failure = Object.assign(new Error("Duplicate entry 'A123456789' for key 'members.idno'"), { code: 'ER_DUP_ENTRY', sql: 'INSERT …', parameters: ['A123456789'] });
    const nested = { requestId: 'r1', member: { idno: 'A123456789', customer_phone: '0912345678', profile: { name: '王小明', level: '2B' } }, err: failure };
    const logger = createLogger('info', new Writable({ write: (_chunk, _encoding, callback) => callback() }));
    const figure = (label: string, run: () => unknown): BenchFigure => ({ label, value: bestRoundMicroseconds(run, RECORDS, ROUNDS), unit: 'µs' });
    return {
      name: 'log-masking',
      figures: [
        figure('maskPii, access-log line (uncopied)', () => maskPii(accessLine)),
        figure('maskPii, nested PII record with a database error', () => maskPii(nested)),
        figure('logger.info, access-log line to a null sink', () => logger.info(accessLine, 'request')),
      ],
      ratios: [],
    };
  },
};
