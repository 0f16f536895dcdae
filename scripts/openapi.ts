import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../apps/api/src/app.module.js';
import { openApiDocument } from '../apps/api/src/openapi.js';

/**
 * Writes the API's OpenAPI document without starting the API (Nest's preview mode instantiates nothing, so no
 * database, Redis or Temporal is needed): `npm run openapi [-- file]`, for client generation (openapi-typescript).
 */
const app = await NestFactory.create(AppModule, { preview: true, logger: false });
app.setGlobalPrefix('api/v1');
const file = process.argv[2] ?? 'dist/openapi.json';
await writeFile(file, `${JSON.stringify(openApiDocument(app), null, 2)}\n`);
await app.close();
console.log(`wrote ${file}`);
