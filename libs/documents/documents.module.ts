import { Module } from '@nestjs/common';
import { DocumentRenderer } from './document-renderer.service.js';
import { PdfRenderer } from './pdf-renderer.service.js';

@Module({ providers: [DocumentRenderer, PdfRenderer], exports: [DocumentRenderer, PdfRenderer] })
export class DocumentsModule {}
