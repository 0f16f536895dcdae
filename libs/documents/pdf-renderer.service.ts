import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Injectable } from '@nestjs/common';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { parseHtmlDocument } from './pdf/html-blocks.js';
import { PdfLayout } from './pdf/pdf-layout.js';

const require = createRequire(import.meta.url);
/** Noto Sans SC, static TrueType faces from Google Fonts (OFL), as the npm package @expo-google-fonts/noto-sans-sc ships them. */
const FACES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
};

async function loadFace(specifier: string): Promise<fontkit.Font> {
  const font = fontkit.create(await readFile(require.resolve(specifier)));
  if (!('layout' in font)) throw new Error(`${specifier} is a font collection, not a face`);
  return font;
}

/**
 * Prints the HTML that the Handlebars templates produce as an A4 PDF, so a document's content has one source.
 * Chinese text is set in Noto Sans SC, regular and bold; pdfkit embeds only the glyphs a document uses
 * (a subset named like ABCDEF+NotoSansSC-Regular). TrueType rather than the CFF (OpenType) cut, whose subsetting
 * walks all its global subroutines for every document. The parsed faces are shared by every document: parsing
 * a cold 10 MB face costs several times the rendering itself.
 */
@Injectable()
export class PdfRenderer {
  private faces?: Promise<{ regular: fontkit.Font; bold: fontkit.Font }>;

  async render(html: string): Promise<Buffer> {
    const { regular, bold } = await this.loadFaces();
    const parsed = parseHtmlDocument(html);
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: 64, bottom: 64, left: 64, right: 64 },
      bufferPages: true,
      autoFirstPage: true,
      info: { Title: parsed.title ?? '', Creator: '政务信息资源共享平台', Producer: 'pdfkit' },
      ...(parsed.lang ? { lang: parsed.lang } : {}),
      displayTitle: parsed.title !== null,
    });
    // pdfkit also takes an already parsed fontkit face (see its PDFFontFactory); its types list only files and buffers.
    doc.registerFont('body', regular as unknown as Buffer);
    doc.registerFont('body-bold', bold as unknown as Buffer);
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const finished = new Promise<Buffer>((resolve, reject) => {
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
    });
    const layout = new PdfLayout(doc, { regular: 'body', bold: 'body-bold' });
    layout.draw(parsed.blocks);
    layout.numberPages();
    doc.end();
    return finished;
  }

  private loadFaces() {
    this.faces ??= Promise.all([loadFace(FACES.regular), loadFace(FACES.bold)]).then(([regular, bold]) => ({
      regular,
      bold,
    }));
    this.faces.catch(() => (this.faces = undefined));
    return this.faces;
  }
}
