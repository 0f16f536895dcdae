import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '../../../../libs/domain/errors.js';
import { isDependencyUnavailable } from './dependency-unavailable.js';

interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
}

/** Every error leaves the API as RFC 9457 problem+json. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost) {
    const response = host.switchToHttp().getResponse<Response>();
    const problem = this.toProblem(exception);
    if (problem.status >= 500) this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    // The request timeout (main.ts) may have answered already while this request waited on a dependency.
    if (response.headersSent) return;
    if (problem.status === 503) response.setHeader('Retry-After', '5');
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof DomainError) {
      return {
        type: `urn:govshare:problem:${exception.status}`,
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
      return { type: `urn:govshare:problem:${status}`, title: reasonPhrase(status), status, detail };
    }
    // A database, Redis or Temporal server that is down (or restarting) is not the request's fault and passes.
    if (isDependencyUnavailable(exception)) {
      return { type: 'urn:govshare:problem:503', title: 'Service Unavailable', status: 503, detail: 'a service the platform depends on is unavailable; retry shortly' };
    }
    const status = (exception as { status?: number; type?: string })?.type === 'entity.parse.failed' ? 400 : 500;
    return {
      type: `urn:govshare:problem:${status}`,
      title: status === 400 ? 'Bad Request' : 'Internal Server Error',
      status,
      detail: status === 400 ? 'the request body is not valid JSON' : 'an unexpected error occurred',
    };
  }
}

function reasonPhrase(status: number): string {
  const name = HttpStatus[status];
  return name ? name.toLowerCase().replace(/(^|_)(\w)/g, (_, sep: string, c: string) => (sep ? ' ' : '') + c.toUpperCase()) : 'Error';
}
