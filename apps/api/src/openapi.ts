import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** The API's OpenAPI document, served at /api/docs-json and read by the web app's type generation. */
export function createOpenApiDocument(app: INestApplication) {
  const config = new DocumentBuilder()
    .setTitle('政务信息资源共享平台 API')
    .setDescription(
      'Government information resource sharing: catalog, sharing requests, tasks, filings. See API.md.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config);
}
