import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import type { z } from 'zod';
import { DomainError, type ProblemKind, problemType, TooManyAttemptsError } from '../../../../libs/domain/errors.js';
import type { problemSchema } from './contract.js';
import { isDependencyUnavailable } from './dependency-unavailable.js';

type ProblemDetails = z.infer<typeof problemSchema>;

/** The kind of a problem raised outside the domain (by Nest, Express or a crash), by its status. */
const KIND_OF_STATUS: Record<number, ProblemKind> = {
  400: 'validation',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  406: 'not-acceptable',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  408: 'request-timeout',
  422: 'rule-violation',
  429: 'too-many-attempts',
  431: 'request-header-too-large',
  503: 'service-unavailable',
};
const kindOfStatus = (status: number): ProblemKind => KIND_OF_STATUS[status] ?? (status >= 500 ? 'internal' : 'validation');

/** Every error leaves the API as RFC 9457 problem+json, its `type` a stable URI per kind of problem (libs/domain/errors.ts). */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost) {
    const response = host.switchToHttp().getResponse<Response>();
    const problem = this.toProblem(exception);
    if (problem.status >= 500) this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    // The request timeout (main.ts) may have answered already while this request waited on a dependency.
    if (response.headersSent) return;
    if (exception instanceof TooManyAttemptsError) response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    if (problem.status === 503) response.setHeader('Retry-After', '5');
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof DomainError) {
      return {
        type: problemType(exception.kind),
        title: exception.title,
        status: exception.status,
        detail: exception.message,
        ...(exception.errors ? { errors: exception.errors } : {}),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail = typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? exception.message);
      return { type: problemType(kindOfStatus(status)), title: reasonPhrase(status), status, detail };
    }
    // A database, Redis or Temporal server that is down (or restarting) is not the request's fault and passes.
    if (isDependencyUnavailable(exception)) {
      return { type: problemType('service-unavailable'), title: 'Service Unavailable', status: 503, detail: 'a service the platform depends on is unavailable; retry shortly' };
    }
    const parserError = BODY_PARSER_ERRORS[(exception as { type?: string })?.type ?? ''];
    if (parserError) return { type: problemType(kindOfStatus(parserError.status)), title: reasonPhrase(parserError.status), ...parserError };
    return { type: problemType('internal'), title: 'Internal Server Error', status: 500, detail: 'an unexpected error occurred' };
  }
}

/** The body parser's refusals (it runs before any route), by their `type`. */
const BODY_PARSER_ERRORS: Record<string, { status: number; detail: string }> = {
  'entity.parse.failed': { status: 400, detail: 'the request body is not valid JSON' },
  'entity.too.large': { status: 413, detail: 'the request body is larger than the API accepts' },
  'charset.unsupported': { status: 415, detail: 'request bodies are UTF-8; the declared charset is not accepted' },
  'encoding.unsupported': { status: 415, detail: 'the request body’s content encoding is not accepted' },
  'request.aborted': { status: 400, detail: 'the request body was not received whole' },
};

function reasonPhrase(status: number): string {
  const name = HttpStatus[status];
  return name ? name.toLowerCase().replace(/(^|_)(\w)/g, (_, sep: string, c: string) => (sep ? ' ' : '') + c.toUpperCase()) : 'Error';
}
