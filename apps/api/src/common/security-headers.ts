import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { NextFunction, Request, Response } from 'express';
import { problemType, type ProblemKind } from '../../../../libs/domain/errors.js';

/**
 * The API's documents (HTML with inline styles) load nothing from anywhere and may not be framed; the OpenAPI
 * page loads its own scripts and styles from this origin only.
 */
const DOCUMENT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
const OPENAPI_PAGE_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

export function securityHeaders(path: string): Record<string, string> {
  return {
    'Content-Security-Policy': path.startsWith('/api/docs') ? OPENAPI_PAGE_POLICY : DOCUMENT_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

/** Express middleware: the headers on every response, set before any route answers. */
export function sendSecurityHeaders(request: Request, response: Response, next: NextFunction): void {
  response.set(securityHeaders(request.path));
  next();
}

const CLIENT_ERRORS: Record<string, { status: number; kind: ProblemKind; title: string; detail: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, kind: 'request-header-too-large', title: 'Request Header Fields Too Large', detail: 'the request headers or URL are larger than the server accepts' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, kind: 'request-timeout', title: 'Request Timeout', detail: 'the request did not arrive in time' },
  default: { status: 400, kind: 'validation', title: 'Bad Request', detail: 'the request is not valid HTTP' },
};

/**
 * Requests Node refuses before any route sees them (headers or a URL too large, 431; too slow, 408; malformed HTTP, 400) are
 * answered as problem+json too, where Node would send a bare status line.
 */
export function answerClientErrorsAsProblems(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable) return socket.destroy();
    const { status, kind, title, detail } = CLIENT_ERRORS[error.code ?? ''] ?? CLIENT_ERRORS.default!;
    const body = JSON.stringify({ type: problemType(kind), title, status, detail });
    const headers = securityHeaders('/');
    socket.end(
      [
        `HTTP/1.1 ${status} ${title}`,
        'Content-Type: application/problem+json',
        `Content-Length: ${Buffer.byteLength(body)}`,
        ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    );
  });
}
