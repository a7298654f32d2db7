import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import { cleanErrorMessage, describeError, loggedError } from './describeError.js';
import { maskPii } from './maskPii.js';

export type Logger = PinoLogger;
export const Logger = Symbol.for('Logger');

/** How long a log line may wait in the buffer of `bufferedStdout`. */
export const LOG_FLUSH_INTERVAL_MS = 200;

/** Linux's PIPE_BUF: a write to a pipe up to this size is never interleaved with another process's. */
const ATOMIC_PIPE_WRITE = 4096;

let stdout: ReturnType<typeof pino.destination> | undefined;

/**
 * stdout through a buffer, shared by every logger of the process: one write(2) for many lines
 * instead of one per line, at least every LOG_FLUSH_INTERVAL_MS. The writes are synchronous, so
 * none is ever in flight on the thread pool when the process exits: the exit hook writes what
 * the buffer holds, in order, and a stop (SIGTERM's `process.exit` included) loses no line. Each
 * write is whole lines of at most PIPE_BUF bytes, so workers sharing one pipe never cut into
 * each other's lines.
 */
export function bufferedStdout(): DestinationStream {
  if (!stdout) {
    const stream = pino.destination({ dest: 1, sync: true, minLength: ATOMIC_PIPE_WRITE - 1024, maxWrite: ATOMIC_PIPE_WRITE, periodicFlush: LOG_FLUSH_INTERVAL_MS } as Parameters<typeof pino.destination>[0]);
    process.once('exit', () => stream.flushSync());
    stdout = stream;
  }
  return stdout;
}

let stampedAt = 0;
let stamp = '';

/** pino's ISO time, formatted once per millisecond: a busy process writes several lines in one. */
function isoTimeOncePerMillisecond(): string {
  const now = Date.now();
  if (now !== stampedAt) {
    stampedAt = now;
    stamp = `,"time":"${new Date(now).toISOString()}"`;
  }
  return stamp;
}

/**
 * JSON-lines logger. Every record passes through maskPii, so a national ID or token
 * logged by mistake still leaves masked, and an error leaves as type, code and a cleaned
 * message (no `sql`, `parameters` or driver text with values).
 */
export function createLogger(level: string, destination: DestinationStream = bufferedStdout()): Logger {
  return pino(
    {
      level,
      base: { service: 'midplat' },
      timestamp: isoTimeOncePerMillisecond,
      formatters: { log: (record) => maskPii(record) as Record<string, unknown> },
      // Replaces pino's default `err` serializer, which copies every property of the error.
      serializers: { err: (value: unknown) => (value instanceof Error ? describeError(value) : value) },
      hooks: {
        // pino would use the raw error message as `msg` when none is given: give the cleaned one.
        logMethod(args, method) {
          const [first, second] = args as unknown[];
          const error = first instanceof Error ? first : (first as { err?: unknown } | null)?.err;
          if (typeof second !== 'string' && error instanceof Error) {
            return method.call(this, first instanceof Error ? { err: first } : (first as object), cleanErrorMessage(loggedError(error).message));
          }
          return method.apply(this, args);
        },
      },
    },
    destination,
  );
}
