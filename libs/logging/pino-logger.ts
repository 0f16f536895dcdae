import type { LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';

/** Structured JSON logs for Nest and for our own code: one line per event, machine-readable. */
export class PinoLoggerService implements LoggerService {
  readonly pino: Logger;

  constructor(service: string, level: string) {
    this.pino = pino({ level, base: { service }, timestamp: pino.stdTimeFunctions.isoTime });
  }

  log(message: unknown, context?: string) {
    this.pino.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.pino.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.pino.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.pino.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.pino.trace({ context }, String(message));
  }
}
