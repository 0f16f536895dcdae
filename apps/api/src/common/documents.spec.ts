import { NotAcceptableException } from '@nestjs/common';
import { negotiateDocumentFormat } from './documents.js';

describe('negotiateDocumentFormat', () => {
  it('answers HTML by default and to anything that takes HTML at least as well as a PDF', () => {
    for (const accept of [
      undefined,
      '',
      '*/*',
      'text/html',
      'text/*',
      'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
      'application/pdf;q=0.5, text/html',
    ]) {
      expect([accept, negotiateDocumentFormat(accept)]).toEqual([accept, 'html']);
    }
  });

  it('answers a PDF when asked for one, or when the client prefers it', () => {
    for (const accept of [
      'application/pdf',
      'APPLICATION/PDF',
      'application/*',
      'application/pdf, */*;q=0.1',
      'text/html;q=0.4, application/pdf;q=0.9',
      '*/*, text/html;q=0',
    ]) {
      expect([accept, negotiateDocumentFormat(accept)]).toEqual([accept, 'pdf']);
    }
  });

  it('refuses with 406 a header that allows neither', () => {
    for (const accept of [
      'application/json',
      'image/png, text/plain',
      'text/html;q=0, application/pdf;q=0',
      '*/*;q=0',
    ]) {
      expect(() => negotiateDocumentFormat(accept)).toThrow(NotAcceptableException);
    }
  });
});
