import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { CookieOptions, Response } from 'express';
import { ForbiddenError, UnauthenticatedError } from '../../../../libs/domain/errors.js';

/**
 * Browser sessions: the web app never holds the token in script-readable storage. The login also sets it as an
 * httpOnly, SameSite=Strict cookie; a state-changing request authenticated by that cookie must echo the readable
 * CSRF cookie in a header (double submit), since a browser attaches the session cookie by itself but only a page
 * of our own origin can read the CSRF cookie. A Bearer token is never attached by a browser, so it needs no CSRF
 * token. Kept apart from the guard so that the guard only asks where the token comes from.
 */
export const SESSION_COOKIE = 'govshare_session';
export const CSRF_COOKIE = 'govshare_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface TokenSourceRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  cookies?: Record<string, string | undefined>;
}

/** The request's token: the Bearer header's, else the session cookie's (with the CSRF check on a change); else 401. */
export function requestToken(request: TokenSourceRequest): string {
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string' && authorization) {
    const [scheme, token] = authorization.split(' ');
    if (scheme !== 'Bearer' || !token) throw new UnauthenticatedError('a bearer token is required');
    return token;
  }
  const sessionToken = request.cookies?.[SESSION_COOKIE];
  if (!sessionToken) throw new UnauthenticatedError('a bearer token or a session cookie is required');
  if (!SAFE_METHODS.has(request.method.toUpperCase())) requireCsrfToken(request);
  return sessionToken;
}

function requireCsrfToken(request: TokenSourceRequest): void {
  const cookie = request.cookies?.[CSRF_COOKIE];
  const header = request.headers[CSRF_HEADER];
  if (!cookie || typeof header !== 'string' || !sameSecret(cookie, header)) {
    throw new ForbiddenError(
      `a change made with a session cookie needs the ${CSRF_HEADER} header echoing the ${CSRF_COOKIE} cookie`,
    );
  }
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function cookieOptions(secure: boolean, maxAgeSeconds: number): CookieOptions {
  return { sameSite: 'strict', secure, path: '/', maxAge: maxAgeSeconds * 1000 };
}

/** Sets the session cookie (httpOnly) and a fresh CSRF cookie (readable by the page) for as long as the token lives. */
export function startBrowserSession(
  response: Response,
  token: string,
  options: { secure: boolean; ttlSeconds: number },
): void {
  const base = cookieOptions(options.secure, options.ttlSeconds);
  response.cookie(SESSION_COOKIE, token, { ...base, httpOnly: true });
  response.cookie(CSRF_COOKIE, randomBytes(32).toString('base64url'), { ...base, httpOnly: false });
}

export function endBrowserSession(response: Response, options: { secure: boolean }): void {
  const { maxAge: _, ...base } = cookieOptions(options.secure, 0);
  response.clearCookie(SESSION_COOKIE, { ...base, httpOnly: true });
  response.clearCookie(CSRF_COOKIE, base);
}
