import { Module } from '@nestjs/common';
import { DocumentRenderer } from './document-renderer.service.js';

@Module({ providers: [DocumentRenderer], exports: [DocumentRenderer] })
export class DocumentsModule {}
