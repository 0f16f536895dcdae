import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import { loadConfig } from '../../../libs/config/app-config.js';
import { PinoLoggerService } from '../../../libs/logging/pino-logger.js';
import { AppModule } from './app.module.js';
import { createOpenApiDocument } from './openapi.js';
import { serveWebApp } from './web/web-app.js';

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

  app.use(cookieParser());
  const web = serveWebApp(app);
  if (!web.served) logger.warn('the web app is not built (npm run build:web): only the API is served', 'Bootstrap');

  SwaggerModule.setup('api/docs', app, () => createOpenApiDocument(app));

  await app.listen(config.api.port, '0.0.0.0');
  logger.log(`API listening on :${config.api.port} (docs at /api/docs)`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
