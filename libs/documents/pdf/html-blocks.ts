import { type ChildNode, type Element, isTag, isText } from 'domhandler';
import { parseDocument } from 'htmlparser2';

/**
 * The printable structure of one of our HTML documents: what the PDF layout draws. The templates stay the
 * single source of a document's content; this reads their markup the way a browser would (whitespace
 * collapsing, anonymous paragraphs around loose text), for the tags the templates use.
 */
export interface Run {
  text: string;
  bold: boolean;
  link?: string;
}
/** A run whose text is '\n' is a forced line break (`<br>`). */
export type Inline = Run;

export type ParagraphRole = 'body' | 'h1' | 'h2' | 'h3' | 'meta' | 'caption';
export type Align = 'left' | 'center' | 'right';

export interface ParagraphBlock {
  kind: 'paragraph';
  role: ParagraphRole;
  align: Align;
  inlines: Inline[];
}
export interface ListBlock {
  kind: 'list';
  ordered: boolean;
  items: Block[][];
}
export interface QuoteBlock {
  kind: 'quote';
  blocks: Block[];
}
export interface RuleBlock {
  kind: 'rule';
}
export interface TableCell {
  header: boolean;
  colspan: number;
  blocks: Block[];
}
export interface TableBlock {
  kind: 'table';
  rows: TableCell[][];
}
export type Block = ParagraphBlock | ListBlock | QuoteBlock | RuleBlock | TableBlock;

export interface HtmlDocument {
  title: string | null;
  lang: string | null;
  blocks: Block[];
}

const SKIPPED = new Set(['head', 'script', 'style', 'template', 'noscript']);
const HEADINGS: Record<string, ParagraphRole> = {
  h1: 'h1',
  h2: 'h2',
  h3: 'h3',
  h4: 'h3',
  h5: 'h3',
  h6: 'h3',
};
const PARAGRAPH_LIKE = new Set([
  'p',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'address',
  'dd',
  'dt',
  'figcaption',
  'pre',
]);
const BLOCK_TAGS = new Set([
  ...PARAGRAPH_LIKE,
  ...Object.keys(HEADINGS),
  'ul',
  'ol',
  'li',
  'blockquote',
  'hr',
  'table',
  'body',
  'html',
  'dl',
  'figure',
]);
const BOLD = new Set(['strong', 'b', 'th']);
const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF\u3000-\u303F]/u;

export function parseHtmlDocument(html: string): HtmlDocument {
  const document = parseDocument(html, { decodeEntities: true, lowerCaseTags: true });
  const all = descendants(document.children);
  const title = all.find((node) => node.name === 'title');
  const root = all.find((node) => node.name === 'html');
  const body = all.find((node) => node.name === 'body');
  return {
    title: title ? collapse(textOf(title)).trim() || null : null,
    lang: root?.attribs.lang ?? null,
    blocks: blocksOf(body ? body.children : document.children, { bold: false }),
  };
}

interface InlineContext {
  bold: boolean;
  link?: string;
}

function blocksOf(nodes: ChildNode[], context: InlineContext): Block[] {
  const blocks: Block[] = [];
  let loose: Inline[] = [];
  const flush = () => {
    const inlines = normaliseWhitespace(loose);
    if (inlines.length > 0) blocks.push({ kind: 'paragraph', role: 'body', align: 'left', inlines });
    loose = [];
  };
  for (const node of nodes) {
    if (isText(node)) {
      loose.push({ text: node.data, bold: context.bold, ...(context.link ? { link: context.link } : {}) });
      continue;
    }
    if (!isElement(node) || SKIPPED.has(node.name)) continue;
    if (!BLOCK_TAGS.has(node.name)) {
      loose.push(...inlinesOf(node, context));
      continue;
    }
    flush();
    blocks.push(...blockOf(node, context));
  }
  flush();
  return blocks;
}

function blockOf(element: Element, context: InlineContext): Block[] {
  const name = element.name;
  const heading = HEADINGS[name];
  if (heading)
    return paragraph(element, heading, name === 'h1' ? 'center' : 'left', { ...context, bold: true });
  if (name === 'p' && hasClass(element, 'meta')) return paragraph(element, 'meta', 'right', context);
  if (name === 'ul' || name === 'ol') {
    const items = element.children.filter(
      (child): child is Element => isElement(child) && child.name === 'li',
    );
    return [
      { kind: 'list', ordered: name === 'ol', items: items.map((item) => blocksOf(item.children, context)) },
    ];
  }
  if (name === 'li') return [{ kind: 'list', ordered: false, items: [blocksOf(element.children, context)] }];
  if (name === 'blockquote') return [{ kind: 'quote', blocks: blocksOf(element.children, context) }];
  if (name === 'hr') return [{ kind: 'rule' }];
  if (name === 'table') return table(element, context);
  const align = alignOf(element);
  const blocks = blocksOf(element.children, context);
  return align ? blocks.map((block) => (block.kind === 'paragraph' ? { ...block, align } : block)) : blocks;
}

function paragraph(element: Element, role: ParagraphRole, align: Align, context: InlineContext): Block[] {
  const blocks = blocksOf(element.children, context);
  const own = alignOf(element) ?? align;
  return blocks.map((block) => (block.kind === 'paragraph' ? { ...block, role, align: own } : block));
}

function table(element: Element, context: InlineContext): Block[] {
  const blocks: Block[] = [];
  const caption = element.children.find(
    (child): child is Element => isElement(child) && child.name === 'caption',
  );
  if (caption) blocks.push(...paragraph(caption, 'caption', 'center', { ...context, bold: true }));
  const rows = descendants(element.children, (node) => node.name !== 'table').filter(
    (node) => node.name === 'tr',
  );
  const cells = rows
    .map((row) =>
      row.children
        .filter((cell): cell is Element => isElement(cell) && (cell.name === 'td' || cell.name === 'th'))
        .map((cell) => ({
          header: cell.name === 'th',
          colspan: Math.max(1, Math.min(50, Number.parseInt(cell.attribs.colspan ?? '1', 10) || 1)),
          blocks: blocksOf(cell.children, context),
        })),
    )
    .filter((row) => row.length > 0);
  if (cells.length > 0) blocks.push({ kind: 'table', rows: cells });
  return blocks;
}

function inlinesOf(element: Element, context: InlineContext): Inline[] {
  if (SKIPPED.has(element.name)) return [];
  if (element.name === 'br') return [{ text: '\n', bold: context.bold }];
  if (element.name === 'img')
    return element.attribs.alt ? [{ text: element.attribs.alt, bold: context.bold }] : [];
  const inner: InlineContext = {
    bold: context.bold || BOLD.has(element.name),
    ...(element.name === 'a' && element.attribs.href
      ? { link: element.attribs.href }
      : context.link
        ? { link: context.link }
        : {}),
  };
  return element.children.flatMap((child): Inline[] => {
    if (isText(child))
      return [{ text: child.data, bold: inner.bold, ...(inner.link ? { link: inner.link } : {}) }];
    return isElement(child) ? inlinesOf(child, inner) : [];
  });
}

/**
 * HTML's white-space: normal. Runs of spaces, tabs and newlines become one space; none at the start or end
 * of a line; and a line break in the source between two Chinese characters disappears (CSS Text 3's
 * segment-break rule), so a template may wrap a Chinese sentence without a stray space.
 */
export function normaliseWhitespace(inlines: Inline[]): Inline[] {
  const out: Inline[] = [];
  let pendingSpace: { withNewline: boolean; bold: boolean; link?: string } | null = null;
  let previousChar = '';
  for (const run of inlines) {
    if (run.text === '\n') {
      pendingSpace = null;
      out.push(run);
      previousChar = '\n';
      continue;
    }
    let text = '';
    for (const part of run.text.split(/([ \t\n\r\f]+)/)) {
      if (part === '') continue;
      if (/^[ \t\n\r\f]+$/.test(part)) {
        if (pendingSpace) pendingSpace.withNewline ||= part.includes('\n');
        else if (text) {
          pendingSpace = {
            withNewline: part.includes('\n'),
            bold: run.bold,
            ...(run.link ? { link: run.link } : {}),
          };
          out.push(withText(run, text));
          previousChar = text.at(-1)!;
          text = '';
        } else
          pendingSpace = {
            withNewline: part.includes('\n'),
            bold: run.bold,
            ...(run.link ? { link: run.link } : {}),
          };
        continue;
      }
      if (pendingSpace) {
        const atLineStart = previousChar === '' || previousChar === '\n';
        const betweenChinese = pendingSpace.withNewline && CJK.test(previousChar) && CJK.test(part[0]!);
        if (!atLineStart && !betweenChinese)
          out.push({
            text: ' ',
            bold: pendingSpace.bold,
            ...(pendingSpace.link ? { link: pendingSpace.link } : {}),
          });
        pendingSpace = null;
      }
      text += part;
    }
    if (text) {
      out.push(withText(run, text));
      previousChar = text.at(-1)!;
    }
  }
  return mergeRuns(trimTrailingBreaks(out));
}

function withText(run: Run, text: string): Run {
  return { ...run, text };
}

function trimTrailingBreaks(inlines: Inline[]): Inline[] {
  const out = [...inlines];
  while (out.length > 0 && out.at(-1)!.text === '\n') out.pop();
  return out;
}

function mergeRuns(inlines: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const run of inlines) {
    const last = out.at(-1);
    if (last && last.text !== '\n' && run.text !== '\n' && last.bold === run.bold && last.link === run.link)
      last.text += run.text;
    else out.push({ ...run });
  }
  return out;
}

function alignOf(element: Element): Align | null {
  const match =
    /text-align\s*:\s*(left|center|right)/i.exec(element.attribs.style ?? '') ??
    /^(left|center|right)$/i.exec(element.attribs.align ?? '');
  return match ? (match[1]!.toLowerCase() as Align) : null;
}

function hasClass(element: Element, name: string): boolean {
  return (element.attribs.class ?? '').split(/\s+/).includes(name);
}

function isElement(node: ChildNode): node is Element {
  return isTag(node);
}

function descendants(nodes: ChildNode[], descend: (element: Element) => boolean = () => true): Element[] {
  const found: Element[] = [];
  for (const node of nodes) {
    if (!isElement(node)) continue;
    found.push(node);
    if (descend(node)) found.push(...descendants(node.children, descend));
  }
  return found;
}

function textOf(element: Element): string {
  return element.children
    .map((child) => (isText(child) ? child.data : isElement(child) ? textOf(child) : ''))
    .join('');
}

function collapse(text: string): string {
  return text.replace(/[ \t\n\r\f]+/g, ' ');
}
