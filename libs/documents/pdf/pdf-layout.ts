import LineBreaker from 'linebreak';
import type { Align, Block, Inline, ParagraphRole, TableBlock, TableCell } from './html-blocks.js';

/** The registered names of the two faces the layout draws with. */
export interface LayoutFonts {
  regular: string;
  bold: string;
}

interface TextStyle {
  size: number;
  leading: number;
  before: number;
  after: number;
}

/** The print style shared by every document (the HTML's screen CSS is not read): 五号 body text, A4 with 2 cm margins. */
const STYLES: Record<ParagraphRole, TextStyle> = {
  h1: { size: 16, leading: 1.5, before: 4, after: 10 },
  h2: { size: 13, leading: 1.5, before: 12, after: 4 },
  h3: { size: 11.5, leading: 1.5, before: 10, after: 3 },
  body: { size: 10.5, leading: 1.7, before: 3, after: 3 },
  meta: { size: 9, leading: 1.6, before: 2, after: 2 },
  caption: { size: 10.5, leading: 1.6, before: 8, after: 4 },
};
const CELL_STYLE: TextStyle = { size: 10, leading: 1.45, before: 2, after: 2 };
const CELL_PADDING = { x: 5, y: 4 };
const TABLE_SPACING = { before: 8, after: 14 };
const LIST_INDENT = 18;
const QUOTE_INDENT = 16;
const BORDER = { width: 0.6, color: '#000000' };
const HEADER_FILL = '#f2f2f2';
const QUOTE_BAR = '#999999';
/** Text up to this many ems is kept on one line in a table cell. */
const SHORT_TEXT_EMS = 4;
/** Columns whose text fits in this share of the table's width keep it on one line when the table allows. */
const SHORT_COLUMN = 0.25;

interface Fragment {
  x: number;
  text: string;
  bold: boolean;
  size: number;
  link?: string;
}
interface Line {
  spaceBefore: number;
  height: number;
  size: number;
  fragments: Fragment[];
  /** x positions of blockquote bars beside this line. */
  bars: number[];
  rule?: { x: number; width: number };
  keepWithNext?: boolean;
}
interface TableItem {
  table: TableBlock;
  x: number;
  width: number;
  spaceBefore: number;
}
type FlowItem = Line | TableItem;

interface Word {
  pieces: { text: string; bold: boolean; link?: string; width: number }[];
  width: number;
  /** Width of the trailing space, which does not count at the end of a line. */
  trailing: number;
  required: boolean;
}

interface Box {
  x: number;
  width: number;
  bars: number[];
}

/**
 * Lays the blocks of an HTML document out on a pdfkit document: paragraphs broken into lines by the Unicode
 * line-breaking rules (so Chinese wraps between characters but never before a closing mark), lists, block
 * quotes, and tables with borders whose rows break across pages, repeating a header row.
 */
export class PdfLayout {
  private y: number;
  private readonly widths = new Map<string, number>();

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly fonts: LayoutFonts,
  ) {
    this.y = this.top;
  }

  private get top() {
    return this.doc.page.margins.top;
  }
  private get bottom() {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }
  private get left() {
    return this.doc.page.margins.left;
  }
  private get contentWidth() {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  draw(blocks: Block[]): void {
    for (const item of this.flow(blocks, { x: this.left, width: this.contentWidth, bars: [] }, false)) {
      if ('table' in item) this.drawTable(item);
      else this.drawLine(item);
    }
  }

  /** Writes "第 n 页 共 m 页" under every page; the document must buffer its pages. */
  numberPages(): void {
    const { start, count } = this.doc.bufferedPageRange();
    for (let index = start; index < start + count; index++) {
      this.doc.switchToPage(index);
      const label = `第 ${index - start + 1} 页\u3000共 ${count} 页`;
      const size = STYLES.meta.size;
      const bottomMargin = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0; // text in the margin must not open a page of its own
      const width = this.measure(label, false, size);
      this.doc
        .font(this.fonts.regular)
        .fontSize(size)
        .fillColor('#444444')
        .text(
          label,
          this.left + (this.contentWidth - width) / 2,
          this.doc.page.height - bottomMargin / 2 - size / 2,
          { lineBreak: false },
        );
      this.doc.page.margins.bottom = bottomMargin;
    }
  }

  // ---- flow: blocks to lines and tables -------------------------------------------------------

  private flow(blocks: Block[], box: Box, inCell: boolean): FlowItem[] {
    const items: FlowItem[] = [];
    let previousAfter = 0;
    blocks.forEach((block, index) => {
      const { before, after } = this.spacing(block, inCell);
      const spaceBefore = index === 0 ? 0 : Math.max(previousAfter, before);
      previousAfter = after;
      const blockItems = this.flowBlock(block, box, inCell);
      if (blockItems[0]) blockItems[0].spaceBefore += spaceBefore;
      items.push(...blockItems);
    });
    return items;
  }

  private spacing(block: Block, inCell: boolean): { before: number; after: number } {
    if (block.kind === 'table') return TABLE_SPACING;
    if (block.kind === 'paragraph') return inCell ? CELL_STYLE : STYLES[block.role];
    const body = inCell ? CELL_STYLE : STYLES.body;
    return { before: body.before * 2, after: body.after * 2 };
  }

  private flowBlock(block: Block, box: Box, inCell: boolean): FlowItem[] {
    switch (block.kind) {
      case 'paragraph': {
        const style = inCell ? CELL_STYLE : STYLES[block.role];
        const lines = this.breakLines(block.inlines, style, block.align, box);
        if (!inCell && block.role.startsWith('h')) for (const line of lines) line.keepWithNext = true;
        return lines;
      }
      case 'list': {
        const style = inCell ? CELL_STYLE : STYLES.body;
        return block.items.flatMap((item, index) => {
          const inner = { ...box, x: box.x + LIST_INDENT, width: box.width - LIST_INDENT };
          const lines = this.flow(item, inner, inCell);
          const marker = block.ordered ? `${index + 1}.` : '•';
          const first = lines.find((line): line is Line => !('table' in line));
          const markerX = box.x + LIST_INDENT - 5 - this.measure(marker, false, style.size);
          if (first) first.fragments.unshift({ x: markerX, text: marker, bold: false, size: first.size });
          else
            lines.unshift(
              this.emptyLine(style, box, [{ x: markerX, text: marker, bold: false, size: style.size }]),
            );
          if (index > 0 && lines[0]) lines[0].spaceBefore += style.before;
          return lines;
        });
      }
      case 'quote':
        return this.flow(
          block.blocks,
          {
            x: box.x + QUOTE_INDENT,
            width: box.width - QUOTE_INDENT,
            bars: [...box.bars, box.x + QUOTE_INDENT / 2],
          },
          inCell,
        );
      case 'rule':
        return [
          {
            ...this.emptyLine(inCell ? CELL_STYLE : STYLES.body, box, []),
            height: 8,
            rule: { x: box.x, width: box.width },
          },
        ];
      case 'table':
        if (!inCell) return [{ table: block, x: box.x, width: box.width, spaceBefore: 0 }];
        // A table inside a cell is read row by row, each cell as its own lines.
        return block.rows.flatMap((row) => row.flatMap((cell) => this.flow(cell.blocks, box, true)));
    }
  }

  private emptyLine(style: TextStyle, box: Box, fragments: Fragment[]): Line {
    return {
      spaceBefore: 0,
      height: style.size * style.leading,
      size: style.size,
      fragments,
      bars: box.bars,
    };
  }

  // ---- line breaking -------------------------------------------------------------------------

  private words(inlines: Inline[], size: number): Word[] {
    const text = inlines.map((run) => run.text).join('');
    const starts: number[] = [];
    let offset = 0;
    for (const run of inlines) {
      starts.push(offset);
      offset += run.text.length;
    }
    const words: Word[] = [];
    const breaker = new LineBreaker(text);
    let from = 0;
    for (let found = breaker.nextBreak(); found; found = breaker.nextBreak()) {
      const pieces: Word['pieces'] = [];
      inlines.forEach((run, index) => {
        const start = Math.max(from, starts[index]!);
        const end = Math.min(found.position, starts[index]! + run.text.length);
        if (end <= start) return;
        const slice = text.slice(start, end).replace(/\n/g, '');
        if (slice)
          pieces.push({
            text: slice,
            bold: run.bold,
            ...(run.link ? { link: run.link } : {}),
            width: this.measure(slice, run.bold, size),
          });
      });
      const last = pieces.at(-1);
      const trailing =
        last && / +$/.test(last.text) ? this.measure(/ +$/.exec(last.text)![0], last.bold, size) : 0;
      words.push({
        pieces,
        width: pieces.reduce((sum, piece) => sum + piece.width, 0),
        trailing,
        required: found.required,
      });
      from = found.position;
    }
    return words;
  }

  private breakLines(inlines: Inline[], style: TextStyle, align: Align, box: Box): Line[] {
    const lines: Line[] = [];
    let current: Word[] = [];
    let width = 0;
    const finish = () => {
      lines.push(this.line(current, style, align, box));
      current = [];
      width = 0;
    };
    for (const word of this.words(inlines, style.size)) {
      for (const part of word.width - word.trailing > box.width ? this.splitWord(word, style.size) : [word]) {
        if (current.length > 0 && width + part.width - part.trailing > box.width) finish();
        current.push(part);
        width += part.width;
      }
      if (word.required) finish();
    }
    if (current.length > 0 || lines.length === 0) finish();
    return lines;
  }

  /** A word wider than the line (a long identifier or hash) is broken between characters. */
  private splitWord(word: Word, size: number): Word[] {
    return word.pieces.flatMap((piece) =>
      Array.from(piece.text).map((char) => {
        const width = this.measure(char, piece.bold, size);
        return {
          pieces: [{ ...piece, text: char, width }],
          width,
          trailing: char === ' ' ? width : 0,
          required: false,
        };
      }),
    );
  }

  private line(words: Word[], style: TextStyle, align: Align, box: Box): Line {
    const pieces = words.flatMap((word) => word.pieces.map((piece) => ({ ...piece })));
    const last = pieces.at(-1);
    if (last && / +$/.test(last.text)) {
      last.text = last.text.replace(/ +$/, '');
      last.width = this.measure(last.text, last.bold, style.size);
    }
    const used = pieces.reduce((sum, piece) => sum + piece.width, 0);
    let x = box.x + (align === 'center' ? (box.width - used) / 2 : align === 'right' ? box.width - used : 0);
    const fragments: Fragment[] = [];
    for (const piece of pieces) {
      const previous = fragments.at(-1);
      if (previous && previous.bold === piece.bold && previous.link === piece.link)
        previous.text += piece.text;
      else
        fragments.push({
          x,
          text: piece.text,
          bold: piece.bold,
          size: style.size,
          ...(piece.link ? { link: piece.link } : {}),
        });
      x += piece.width;
    }
    return {
      ...this.emptyLine(
        style,
        box,
        fragments.filter((fragment) => fragment.text !== ''),
      ),
    };
  }

  private measure(text: string, bold: boolean, size: number): number {
    const key = `${bold ? 'b' : 'r'}${size}:${text}`;
    let width = this.widths.get(key);
    if (width === undefined) {
      width = this.doc
        .font(bold ? this.fonts.bold : this.fonts.regular)
        .fontSize(size)
        .widthOfString(text);
      this.widths.set(key, width);
    }
    return width;
  }

  // ---- drawing lines -------------------------------------------------------------------------

  private drawLine(line: Line): void {
    const atTop = this.y === this.top;
    const spaceBefore = atTop ? 0 : line.spaceBefore;
    const needed =
      spaceBefore + line.height + (line.keepWithNext ? STYLES.body.size * STYLES.body.leading * 2 : 0);
    if (!atTop && this.y + needed > this.bottom) this.newPage();
    else this.y += spaceBefore;
    this.paintLine(line, this.y);
    this.y += line.height;
  }

  private paintLine(line: Line, y: number): void {
    for (const x of line.bars)
      this.doc
        .save()
        .moveTo(x, y)
        .lineTo(x, y + line.height)
        .lineWidth(2)
        .strokeColor(QUOTE_BAR)
        .stroke()
        .restore();
    if (line.rule) {
      const middle = y + line.height / 2;
      this.doc
        .save()
        .moveTo(line.rule.x, middle)
        .lineTo(line.rule.x + line.rule.width, middle)
        .lineWidth(0.5)
        .strokeColor('#666666')
        .stroke()
        .restore();
    }
    for (const fragment of line.fragments) {
      this.doc
        .font(fragment.bold ? this.fonts.bold : this.fonts.regular)
        .fontSize(fragment.size)
        .fillColor('#000000');
      const textTop = y + (line.height - this.doc.currentLineHeight()) / 2;
      this.doc.text(fragment.text, fragment.x, textTop, {
        lineBreak: false,
        ...(fragment.link ? { link: fragment.link } : {}),
      });
    }
  }

  private newPage(): void {
    this.doc.addPage();
    this.y = this.top;
  }

  // ---- tables --------------------------------------------------------------------------------

  private drawTable(item: TableItem): void {
    const columns = this.columnWidths(item.table, item.width);
    const rows = item.table.rows.map((row) => this.layRow(row, columns, item.x));
    const header =
      item.table.rows.length > 1 && item.table.rows[0]!.every((cell) => cell.header) && columns.length > 1
        ? rows[0]!
        : null;
    if (this.y !== this.top) this.y += item.spaceBefore;
    rows.forEach((row, index) => this.drawRow(row, index > 0 ? header : null));
  }

  private layRow(row: TableCell[], columns: number[], left: number): LaidCell[] {
    let column = 0;
    let x = left;
    const cells: LaidCell[] = [];
    for (const cell of row) {
      const span = Math.min(cell.colspan, columns.length - column);
      if (span <= 0) break;
      const width = columns.slice(column, column + span).reduce((sum, w) => sum + w, 0);
      const inner = { x: x + CELL_PADDING.x, width: Math.max(1, width - 2 * CELL_PADDING.x), bars: [] };
      cells.push({ x, width, header: cell.header, lines: this.flow(cell.blocks, inner, true) as Line[] });
      column += span;
      x += width;
    }
    return cells;
  }

  /** Draws a row, moving it to the next page when it does not fit, or splitting it between its lines when no page holds it. */
  private drawRow(row: LaidCell[], header: LaidCell[] | null): void {
    let remaining = row.map((cell) => cell.lines);
    for (;;) {
      const height = rowHeight(remaining);
      const fresh = this.y === this.top || this.y === this.pageStartAfter;
      if (this.y + height <= this.bottom) {
        this.paintRow(row, remaining, this.y, height);
        this.y += height;
        return;
      }
      const roomOnFreshPage =
        this.bottom - this.top - (header ? rowHeight(header.map((cell) => cell.lines)) : 0);
      const room = this.bottom - this.y - 2 * CELL_PADDING.y;
      const smallestLine = Math.min(
        ...remaining.filter((lines) => lines.length > 0).map((lines) => lines[0]!.height),
      );
      if ((!fresh && height <= roomOnFreshPage) || room < smallestLine) {
        this.tablePage(header);
        continue;
      }
      const fitting = remaining.map((lines) => linesWithin(lines, room));
      this.paintRow(row, fitting, this.y, this.bottom - this.y);
      remaining = remaining.map((lines, index) => lines.slice(fitting[index]!.length));
      this.tablePage(header);
    }
  }

  private pageStartAfter = -1;

  private tablePage(header: LaidCell[] | null): void {
    this.newPage();
    if (!header) return;
    const lines = header.map((cell) => cell.lines);
    const height = rowHeight(lines);
    this.paintRow(header, lines, this.y, height);
    this.y += height;
    this.pageStartAfter = this.y;
  }

  private paintRow(row: LaidCell[], lines: Line[][], y: number, height: number): void {
    row.forEach((cell, index) => {
      if (cell.header) this.doc.save().rect(cell.x, y, cell.width, height).fill(HEADER_FILL).restore();
      let lineY = y + CELL_PADDING.y;
      lines[index]!.forEach((line, lineIndex) => {
        if (lineIndex > 0) lineY += line.spaceBefore;
        this.paintLine(line, lineY);
        lineY += line.height;
      });
      this.doc
        .save()
        .rect(cell.x, y, cell.width, height)
        .lineWidth(BORDER.width)
        .strokeColor(BORDER.color)
        .stroke()
        .restore();
    });
  }

  /**
   * Column widths as a browser's automatic table layout does for `width: 100%`: every column gets at least its
   * widest unbreakable word, the rest is shared out in proportion to how much more each column's text wants.
   */
  private columnWidths(table: TableBlock, width: number): number[] {
    const count = Math.max(...table.rows.map((row) => row.reduce((sum, cell) => sum + cell.colspan, 0)));
    const padding = 2 * CELL_PADDING.x;
    const wanted = new Array<number>(count).fill(padding);
    const least = new Array<number>(count).fill(padding);
    for (const row of table.rows) {
      let column = 0;
      for (const cell of row) {
        if (cell.colspan === 1 && column < count) {
          const { natural, minimum } = this.contentWidths(cell.blocks, Math.max(width / count, width / 4));
          wanted[column] = Math.max(wanted[column]!, natural + padding);
          least[column] = Math.max(least[column]!, minimum + padding);
        }
        column += cell.colspan;
      }
    }
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
    if (sum(wanted) <= width) return wanted.map((w) => w + ((width - sum(wanted)) * w) / sum(wanted));
    // A short column (a label, a date) is not wrapped when the others can give it the room.
    const unwrapped = least.map((w, index) => Math.max(w, Math.min(wanted[index]!, width * SHORT_COLUMN)));
    if (sum(unwrapped) < width) least.splice(0, count, ...unwrapped);
    if (sum(least) >= width) return least.map((w) => (w * width) / sum(least));
    const flexible = sum(wanted) - sum(least);
    return least.map((w, index) => w + ((width - sum(least)) * (wanted[index]! - w)) / flexible);
  }

  private contentWidths(blocks: Block[], cap: number): { natural: number; minimum: number } {
    let natural = 0;
    let minimum = 0;
    for (const block of blocks) {
      if (block.kind === 'paragraph') {
        let lineWidth = 0;
        let paragraphNatural = 0;
        let widestWord = 0;
        for (const word of this.words(block.inlines, CELL_STYLE.size)) {
          lineWidth += word.width;
          paragraphNatural = Math.max(paragraphNatural, lineWidth - word.trailing);
          widestWord = Math.max(widestWord, word.width - word.trailing);
          if (word.required) lineWidth = 0;
        }
        natural = Math.max(natural, paragraphNatural);
        // Chinese may break after any character; a browser would squeeze 审核结果 to one character a line.
        minimum = Math.max(
          minimum,
          Math.min(cap, Math.max(widestWord, Math.min(paragraphNatural, SHORT_TEXT_EMS * CELL_STYLE.size))),
        );
        continue;
      }
      const inner =
        block.kind === 'list'
          ? { indent: LIST_INDENT, blocks: block.items.flat() }
          : block.kind === 'quote'
            ? { indent: QUOTE_INDENT, blocks: block.blocks }
            : block.kind === 'table'
              ? { indent: 0, blocks: block.rows.flat().flatMap((cell) => cell.blocks) }
              : { indent: 0, blocks: [] };
      const widths = this.contentWidths(inner.blocks, cap);
      natural = Math.max(natural, widths.natural + inner.indent);
      minimum = Math.max(minimum, Math.min(cap, widths.minimum + inner.indent));
    }
    return { natural, minimum };
  }
}

interface LaidCell {
  x: number;
  width: number;
  header: boolean;
  lines: Line[];
}

function linesHeight(lines: Line[]): number {
  return lines.reduce((sum, line, index) => sum + line.height + (index > 0 ? line.spaceBefore : 0), 0);
}

function rowHeight(cells: Line[][]): number {
  return Math.max(0, ...cells.map(linesHeight)) + 2 * CELL_PADDING.y;
}

function linesWithin(lines: Line[], room: number): Line[] {
  let count = 0;
  while (count < lines.length && linesHeight(lines.slice(0, count + 1)) <= room) count++;
  return lines.slice(0, count);
}
