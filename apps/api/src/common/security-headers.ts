import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { NextFunction, Request, Response } from 'express';
import { problemType, type ProblemKind } from '../../../../libs/domain/errors.js';

/**
 * The API's answers and documents (HTML with inline styles) load nothing from anywhere; the web app's own pages
 * preview the documents in a frame, so those may be framed by this origin only, never by another site's page.
 */
const DOCUMENT_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";
/** The OpenAPI page loads its own scripts and styles from this origin only. */
const OPENAPI_PAGE_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
/** The web app's pages: only our own scripts (no inline ones); styles inline too (Ant Design injects them); never framed. */
const WEB_PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The one place the platform's security headers are decided, by what the path serves. */
export function securityHeaders(path: string): Record<string, string> {
  const common = { 'X-Content-Type-Options': 'nosniff', 'Cross-Origin-Opener-Policy': 'same-origin' };
  if (path.startsWith('/api/docs')) return { ...common, 'Content-Security-Policy': OPENAPI_PAGE_POLICY, 'X-Frame-Options': 'DENY', 'Referrer-Policy': 'no-referrer' };
  if (path.startsWith('/api/')) return { ...common, 'Content-Security-Policy': DOCUMENT_POLICY, 'X-Frame-Options': 'SAMEORIGIN', 'Referrer-Policy': 'no-referrer' };
  return { ...common, 'Content-Security-Policy': WEB_PAGE_POLICY, 'X-Frame-Options': 'DENY', 'Referrer-Policy': 'same-origin' };
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
