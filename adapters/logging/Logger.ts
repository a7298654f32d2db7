import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import { cleanErrorMessage, describeError, loggedError } from './describeError.js';
import { maskPii } from './maskPii.js';

export type Logger = PinoLogger;
export const Logger = Symbol.for('Logger');

/**
 * JSON-lines logger. Every record passes through maskPii, so a national ID or token
 * logged by mistake still leaves masked, and an error leaves as type, code and a cleaned
 * message (no `sql`, `parameters` or driver text with values).
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'midplat' },
      timestamp: pino.stdTimeFunctions.isoTime,
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
