import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  Injectable,
  NotAcceptableException,
  StreamableFile,
} from '@nestjs/common';
import { ApiProduces } from '@nestjs/swagger';
import { Problems, RespondsFile } from './contract.js';
import type { Request, Response } from 'express';
import { DocumentRenderer } from '../../../../libs/documents/document-renderer.service.js';
import { PdfRenderer } from '../../../../libs/documents/pdf-renderer.service.js';

export type DocumentFormat = 'html' | 'pdf';

/** In order of preference when the client likes both equally (or says nothing). */
const MEDIA_TYPES: [DocumentFormat, string][] = [
  ['html', 'text/html'],
  ['pdf', 'application/pdf'],
];

/**
 * Content negotiation for documents (RFC 9110 §12.5.1): HTML unless the Accept header prefers a PDF; a header
 * that allows neither is refused with 406. Each type takes the quality of the most specific range matching it.
 */
export function negotiateDocumentFormat(accept: string | undefined): DocumentFormat {
  if (!accept?.trim()) return 'html';
  const ranges = accept.split(',').map((part) => {
    const [range, ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const q = parameters.find((parameter) => parameter.startsWith('q='));
    const quality = q ? Number.parseFloat(q.slice(2)) : 1;
    return { range: range ?? '', quality: Number.isFinite(quality) ? quality : 0 };
  });
  const qualityOf = (mediaType: string) => {
    const [type] = mediaType.split('/');
    const match =
      ranges.find((r) => r.range === mediaType) ??
      ranges.find((r) => r.range === `${type}/*`) ??
      ranges.find((r) => r.range === '*/*');
    return match?.quality ?? 0;
  };
  let best: { format: DocumentFormat; quality: number } | null = null;
  for (const [format, mediaType] of MEDIA_TYPES) {
    const quality = qualityOf(mediaType);
    if (quality > 0 && (!best || quality > best.quality)) best = { format, quality };
  }
  if (!best)
    throw new NotAcceptableException(
      `documents are served as ${MEDIA_TYPES.map(([, type]) => type).join(' or ')}; the Accept header allows neither`,
    );
  return best.format;
}

/** The format the client negotiated (406 before anything is read when it allows none); the response varies by Accept. */
export const NegotiatedDocumentFormat = createParamDecorator(
  (_: unknown, context: ExecutionContext): DocumentFormat => {
    const http = context.switchToHttp();
    http.getResponse<Response>().vary('Accept');
    return negotiateDocumentFormat(http.getRequest<Request>().headers.accept);
  },
);

/** OpenAPI: the route answers with either rendering of a document (406 when the Accept header allows neither). */
export const DocumentRoute = () =>
  applyDecorators(ApiProduces('text/html', 'application/pdf'), RespondsFile('text/html', 'application/pdf'), Problems(406));

export type DocumentToSend = {
  /** File name without extension, ASCII (it goes into Content-Disposition as is). */
  filename: string;
} & (
  | {
      /** Template under libs/documents/templates, without `.hbs`. */
      template: string;
      data: Record<string, unknown>;
    }
  | {
      /** A document rendered from its template when it was issued, kept as it was published. */
      html: string;
    }
);

/** Renders a document from its Handlebars template, and prints that HTML as a PDF when the client asked for one. */
@Injectable()
export class DocumentResponder {
  constructor(
    private readonly html: DocumentRenderer,
    private readonly pdf: PdfRenderer,
  ) {}

  async send(format: DocumentFormat, document: DocumentToSend): Promise<StreamableFile> {
    const html =
      'html' in document ? document.html : await this.html.render(document.template, document.data);
    const body = format === 'pdf' ? await this.pdf.render(html) : Buffer.from(html, 'utf8');
    const filename = `${document.filename.replace(/[^A-Za-z0-9._-]/g, '_')}.${format}`;
    return new StreamableFile(body, {
      type: format === 'pdf' ? 'application/pdf' : 'text/html; charset=utf-8',
      disposition: `inline; filename="${filename}"`,
      length: body.length,
    });
  }
}
