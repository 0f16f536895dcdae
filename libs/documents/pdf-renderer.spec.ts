import { readdir } from 'node:fs/promises';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { DocumentRenderer } from './document-renderer.service.js';
import { PdfRenderer } from './pdf-renderer.service.js';
import { parseHtmlDocument } from './pdf/html-blocks.js';

const pdf = new PdfRenderer();
const html = new DocumentRenderer();

/** The text of each page, as a PDF reader extracts it (through the embedded font's ToUnicode map), without white space. */
async function pageTexts(bytes: Buffer): Promise<string[]> {
  const loading = getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, verbosity: 0 });
  const document = await loading.promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent();
    pages.push(
      content.items
        .map((item) => ('str' in item ? item.str : ''))
        .join('')
        .replace(/\s/g, ''),
    );
  }
  await loading.destroy();
  return pages;
}

const agreementData = {
  agreement: {
    version: 1,
    status: 'awaiting_signatures',
    requestId: 'r-1',
    resourceName: '常住人口基本信息',
    requesterDepartmentName: '市民政局',
    providerDepartmentName: '市公安局',
    dataItems: ['公民身份号码', '姓名'],
    purposeLabel: '数据校核',
    purposeDetail: '核验低保申请人身份',
    scope: '低保审核科室',
    methodLabel: '接口服务',
    validUntil: null,
    signatures: [
      { party: 'provider', partyLabel: '提供方', signerName: '王局长', signedAt: '2026-03-02T02:00:00Z' },
    ],
    draftedAt: '2026-03-01T02:00:00Z',
  },
};

describe('PdfRenderer', () => {
  it('prints the agreement as a PDF whose Chinese text reads back, with subsets of the embedded font', async () => {
    const bytes = await pdf.render(await html.render('sharing/agreement', agreementData));
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const raw = bytes.toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Regular/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Bold/);
    expect(raw).toContain('/FontFile2');
    expect(bytes.length).toBeLessThan(300_000); // a subset: the face itself is 10 MB

    const text = (await pageTexts(bytes)).join('');
    for (const expected of [
      '政务信息共享安全保密协议',
      '甲方（信息提供方）：市公安局',
      '公民身份号码',
      '未经允许不得向其他任何单位和个人提供',
      '王局长',
      '2026/03/0210:00',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('breaks a long table across pages, repeating its header row, in the page count the A4 layout gives', async () => {
    const rows = Array.from(
      { length: 100 },
      (_, index) =>
        `<tr><td>行${String(index + 1).padStart(3, '0')}</td><td>统一社会信用代码</td><td>字符型</td></tr>`,
    );
    const bytes = await pdf.render(
      `<table><tr><th>序号</th><th>字段名称</th><th>数据类型</th></tr>${rows.join('')}</table>`,
    );
    const pages = await pageTexts(bytes);
    // 713.89 pt between the 64 pt margins of A4 hold 31 rows of 22.5 pt (10 pt text × 1.45 + 2 × 4 pt padding):
    // the header and 30 data rows a page, so 100 rows take 4 pages.
    expect(pages).toHaveLength(4);
    for (const page of pages) expect(page.startsWith('序号字段名称数据类型')).toBe(true);
    expect(pages[0]).toContain('行030');
    expect(pages[1]).toMatch(/^序号字段名称数据类型行031/);
    expect(pages[3]).toContain('行100');
    expect(pages[3]).toContain('第4页共4页');
    const order = pages.join('').match(/行\d{3}/g)!;
    expect(order).toEqual(rows.map((_, index) => `行${String(index + 1).padStart(3, '0')}`));
  });

  it('wraps long cell text, breaking an unbreakable string between characters, and loses none of it', async () => {
    const long = '按照本市政务信息资源共享管理办法的规定，'.repeat(30);
    const hash = 'a'.repeat(64) + 'b'.repeat(64);
    const bytes = await pdf.render(
      `<table><tr><th>理由</th><td>${long}</td></tr><tr><th>校验值</th><td>${hash}</td></tr></table>`,
    );
    const pages = await pageTexts(bytes);
    expect(pages.join('')).toContain(long + '校验值' + hash);
  });

  it('prints documents rendered at the same time each with its own text (the faces are shared)', async () => {
    const names = ['市公安局', '市民政局', '市统计局', '赫山区人民政府'];
    const printed = await Promise.all(
      names.map((name) => pdf.render(`<h1>${name}</h1><p>${name.repeat(40)}</p>`)),
    );
    const texts = await Promise.all(printed.map(async (bytes) => (await pageTexts(bytes)).join('')));
    texts.forEach((text, index) => {
      expect(text).toContain(names[index]!.repeat(40));
      for (const other of names.filter((_, otherIndex) => otherIndex !== index))
        expect(text).not.toContain(other);
    });
  });

  it('prints every document template', async () => {
    const root = new URL('./templates/', import.meta.url);
    const templates = (await readdir(root, { recursive: true }))
      .filter((file) => file.endsWith('.hbs') && !file.startsWith('notifications'))
      .map((file) => file.replace(/\.hbs$/, ''));
    expect(templates).toEqual(
      expect.arrayContaining(['sharing/agreement', 'catalog/entry', 'database-registration']),
    );
    for (const template of templates) {
      const bytes = await pdf.render(await html.render(template, {}));
      expect([template, bytes.subarray(0, 5).toString('latin1')]).toEqual([template, '%PDF-']);
    }
  });
});

describe('parseHtmlDocument', () => {
  it('reads headings, classes, breaks, lists, quotes and tables the way a browser lays them out', () => {
    const parsed =
      parseHtmlDocument(`<!DOCTYPE html><html lang="zh-CN"><head><title>标题</title><style>p{}</style></head><body>
      <h1>通知</h1>
      <p class="meta">编号：1</p>
      <p>你单位报送的资源经审核，
        予以通过。<strong>重要</strong> English  words<br>第二行</p>
      <ul><li>一</li><li>二</li></ul>
      <blockquote>意见</blockquote>
      <table><tr><th>名称</th><td colspan="3">人口<br>法人</td></tr></table>
    </body></html>`);
    expect(parsed.title).toBe('标题');
    expect(parsed.lang).toBe('zh-CN');
    const [heading, meta, paragraph, list, quote, table] = parsed.blocks;
    expect(heading).toMatchObject({
      kind: 'paragraph',
      role: 'h1',
      align: 'center',
      inlines: [{ text: '通知', bold: true }],
    });
    expect(meta).toMatchObject({ role: 'meta', align: 'right' });
    // The source's line break between two Chinese characters leaves no space; between Latin words one.
    expect(paragraph).toMatchObject({
      inlines: [
        { text: '你单位报送的资源经审核，予以通过。', bold: false },
        { text: '重要', bold: true },
        { text: ' English words', bold: false },
        { text: '\n' },
        { text: '第二行', bold: false },
      ],
    });
    expect(list).toMatchObject({
      kind: 'list',
      ordered: false,
      items: [[{ inlines: [{ text: '一' }] }], [{ inlines: [{ text: '二' }] }]],
    });
    expect(quote).toMatchObject({ kind: 'quote', blocks: [{ inlines: [{ text: '意见' }] }] });
    expect(table).toMatchObject({
      kind: 'table',
      rows: [
        [
          { header: true, colspan: 1 },
          {
            header: false,
            colspan: 3,
            blocks: [{ inlines: [{ text: '人口' }, { text: '\n' }, { text: '法人' }] }],
          },
        ],
      ],
    });
    expect(parsed.blocks).toHaveLength(6);
  });
});
