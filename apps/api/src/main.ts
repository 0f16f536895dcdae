import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { loadConfig } from '../../../libs/config/app-config.js';
import { PinoLoggerService } from '../../../libs/logging/pino-logger.js';
import { AppModule } from './app.module.js';

/** The HTTP API. Stateless: run as many replicas as load needs behind a load balancer. */
async function bootstrap() {
  const config = loadConfig();
  const logger = new PinoLoggerService('api', config.logLevel);
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { logger });
  app.setGlobalPrefix('api/v1');
  app.enableShutdownHooks();
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
        .send(JSON.stringify({ type: 'urn:govshare:problem:503', title: 'Service Unavailable', status: 503, detail: `no answer within ${config.api.requestTimeoutSeconds} s; retry shortly` }));
    }, timeoutMs);
    response.on('close', () => clearTimeout(timer));
    next();
  });

  const openApi = new DocumentBuilder()
    .setTitle('政务信息资源共享平台 API')
    .setDescription('Government information resource sharing: catalog, sharing requests, tasks, filings. See API.md.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi));

  await app.listen(config.api.port, '0.0.0.0');
  logger.log(`API listening on :${config.api.port} (docs at /api/docs)`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
