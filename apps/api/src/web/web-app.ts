import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/**
 * The web app (apps/web, built by Vite into dist/web) is served by the API itself at `/`: hashed assets for a
 * year, immutable; index.html never cached, so a new deployment is picked up at once; every other path that is
 * not the API's falls back to index.html, where the app's router takes over (the e-mails' /tasks/<id> links).
 */
export const WEB_APP_DIR = join(import.meta.dirname, '../../../../web');

/** What a page may load: only our own scripts (no inline ones), styles inline too (Ant Design injects them). */
const PAGE_CSP = [
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

/** Documents the API renders as HTML are shown framed by the app's own pages, never by anyone else's. */
const API_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; frame-ancestors 'self'";

function securityHeaders(request: Request, response: Response, next: NextFunction) {
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'same-origin');
  if (request.path.startsWith('/api/')) {
    // Swagger UI (/api/docs) runs inline scripts of its own; it keeps its page free of our CSP.
    if (!request.path.startsWith('/api/docs')) response.setHeader('Content-Security-Policy', API_CSP);
  } else {
    response.setHeader('Content-Security-Policy', PAGE_CSP);
    response.setHeader('X-Frame-Options', 'DENY');
    response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  }
  next();
}

export function serveWebApp(app: NestExpressApplication, dir = WEB_APP_DIR): { served: boolean } {
  app.use(securityHeaders);
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return { served: false };
  app.useStaticAssets(dir, {
    index: false,
    setHeaders: (response, path) => {
      response.setHeader(
        'Cache-Control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (
      (request.method !== 'GET' && request.method !== 'HEAD') ||
      request.path === '/api' ||
      request.path.startsWith('/api/')
    )
      return next();
    // A missing asset is a 404, not the app: a stale tab asking for an old chunk must not get HTML as script.
    if (request.path.startsWith('/assets/')) return response.status(404).type('text/plain').send('not found');
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
  return { served: true };
}
