import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { completeContract } from './common/contract.js';

/** The API's OpenAPI 3.1 document (served at /api/docs-json; see common/contract.ts for how routes declare themselves). */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('政务信息资源共享平台 API')
    .setDescription('Government information resource sharing: catalog, sharing requests, tasks, filings. See API.md.')
    .setVersion('1')
    .setOpenAPIVersion('3.1.0')
    .addBearerAuth()
    .build();
  return completeContract(app, SwaggerModule.createDocument(app, config));
}
