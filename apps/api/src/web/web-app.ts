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

export function serveWebApp(app: NestExpressApplication, dir = WEB_APP_DIR): { served: boolean } {
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
