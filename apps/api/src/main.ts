import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import { problemType } from '../../../libs/domain/errors.js';
import { loadConfig } from '../../../libs/config/app-config.js';
import { PinoLoggerService } from '../../../libs/logging/pino-logger.js';
import { AppModule } from './app.module.js';
import { refuseNonUtf8Bodies } from './common/edge-input.js';
import { answerClientErrorsAsProblems, sendSecurityHeaders } from './common/security-headers.js';
import { openApiDocument } from './openapi.js';
import { serveWebApp } from './web/web-app.js';

/** The HTTP API. Stateless: run as many replicas as load needs behind a load balancer. */
async function bootstrap() {
  const config = loadConfig();
  const logger = new PinoLoggerService('api', config.logLevel);
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { logger });
  app.setGlobalPrefix('api/v1');
  if (config.auth.trustProxy) app.set('trust proxy', trustProxySetting(config.auth.trustProxy));
  app.enableShutdownHooks();
  app.disable('x-powered-by');
  app.use(sendSecurityHeaders);
  app.use(refuseNonUtf8Bodies); // registered before Nest adds the body parser at init, so it runs first
  answerClientErrorsAsProblems(app.getHttpServer());
  app.use((request: Request, response: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      logger.pino.info(
        { method: request.method, path: request.originalUrl, status: response.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 },
        'request',
      );
    });
    next();
  });
  // A request waiting on a dependency that is down (a Redis command queued until it reconnects, a Temporal
  // call retried until its server is back) would otherwise hang for as long as the outage: answer 503.
  const timeoutMs = config.api.requestTimeoutSeconds * 1000;
  app.use((_request: Request, response: Response, next: NextFunction) => {
    const timer = setTimeout(() => {
      if (response.headersSent) return;
      response.setHeader('Retry-After', '5');
      response
        .status(503)
        .type('application/problem+json')
        .send(JSON.stringify({ type: problemType('service-unavailable'), title: 'Service Unavailable', status: 503, detail: `no answer within ${config.api.requestTimeoutSeconds} s; retry shortly` }));
    }, timeoutMs);
    response.on('close', () => clearTimeout(timer));
    next();
  });

  app.use(cookieParser());
  const web = serveWebApp(app);
  if (!web.served) logger.warn('the web app is not built (npm run build:web): only the API is served', 'Bootstrap');

  SwaggerModule.setup('api/docs', app, () => openApiDocument(app));

  await app.listen(config.api.port, '0.0.0.0');
  logger.log(`API listening on :${config.api.port} (docs at /api/docs)`, 'Bootstrap');
}

/** Express's `trust proxy`: a hop count, `true`, or the addresses and subnets of the proxies. */
function trustProxySetting(value: string): number | boolean | string {
  if (/^\d+$/.test(value)) return Number(value);
  return value === 'true' ? true : value;
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
