import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import { maskPii } from './maskPii.js';

export type Logger = PinoLogger;
export const Logger = Symbol.for('Logger');

/**
 * JSON-lines logger. Every record passes through maskPii, so a national ID or token
 * logged by mistake still leaves masked.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'midplat' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { log: (record) => maskPii(record) as Record<string, unknown> },
      serializers: { err: pino.stdSerializers.err },
    },
    destination,
  );
}
