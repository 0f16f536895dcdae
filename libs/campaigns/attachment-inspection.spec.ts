import { crc32, deflateRawSync } from 'node:zlib';
import type { AttachmentRule } from '../domain/campaigns.js';
import { InvalidInputError } from '../domain/errors.js';
import { detectType, inspectAttachments, MAX_EXPANDED_BYTES, sha256Hex } from './attachment-inspection.js';

function zip(entries: { name: string; content: Buffer }[]): Buffer {
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const data = deflateRawSync(entry.content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(entry.content), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(entry.content.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(entry.content.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    parts.push(local, name, data);
    directory.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const dir = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, dir, end]);
}

const rule: AttachmentRule = { minCount: 0, maxCount: 2, maxBytes: 1024 * 1024, types: ['pdf', 'docx', 'xlsx', 'png'] };
const pdf = Buffer.from('%PDF-1.7\n%%EOF\n');
const docx = zip([{ name: '[Content_Types].xml', content: Buffer.from('<Types/>') }, { name: 'word/document.xml', content: Buffer.from('<w:document/>') }]);
const xlsx = zip([{ name: 'xl/workbook.xml', content: Buffer.from('<workbook/>') }]);
const file = (originalname: string, buffer: Buffer) => ({ originalname, buffer, size: buffer.length });

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('detectType', () => {
  it('knows a file by its bytes, not its name', () => {
    expect(detectType(pdf, 'anything.txt')).toBe('pdf');
    expect(detectType(docx, 'report.xlsx')).toBe('docx');
    expect(detectType(xlsx, 'report.docx')).toBe('xlsx');
    expect(detectType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), 'a')).toBe('png');
    expect(detectType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 'a')).toBe('jpeg');
    expect(detectType(Buffer.from('MZ\x90\x00'), 'report.pdf')).toBeUndefined();
    expect(detectType(zip([{ name: 'readme.txt', content: Buffer.from('hi') }]), 'x.docx')).toBeUndefined();
  });

  it('tells a legacy .doc from a .xls by the name only when the bytes are OLE', () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]);
    expect(detectType(ole, '报表.xls')).toBe('xls');
    expect(detectType(ole, '报告.doc')).toBe('doc');
  });
});

describe('inspectAttachments', () => {
  it('keys each accepted file by the sha-256 of its bytes', () => {
    const [inspected] = inspectAttachments([file('申报书.pdf', pdf)], rule);
    expect(inspected).toMatchObject({ filename: '申报书.pdf', type: 'pdf', mediaType: 'application/pdf', size: pdf.length, sha256: sha256Hex(pdf) });
  });

  it('refuses empty, oversized, disguised and surplus files', () => {
    expect(refusal(() => inspectAttachments([file('a.pdf', Buffer.alloc(0))], rule))).toMatch(/empty/);
    expect(refusal(() => inspectAttachments([file('a.pdf', Buffer.concat([pdf, Buffer.alloc(rule.maxBytes)]))], rule))).toMatch(/at most/);
    expect(refusal(() => inspectAttachments([file('a.pdf', Buffer.from('plain text'))], rule))).toMatch(/no recognised type/);
    expect(refusal(() => inspectAttachments([file('a.jpg', Buffer.from([0xff, 0xd8, 0xff, 0]))], rule))).toMatch(/a jpeg file/);
    expect(refusal(() => inspectAttachments([file('1.pdf', pdf), file('2.pdf', pdf), file('3.pdf', pdf)], rule))).toMatch(/at most 2/);
    expect(refusal(() => inspectAttachments([], { ...rule, minCount: 1 }))).toMatch(/at least 1/);
    expect(refusal(() => inspectAttachments([file('a.pdf', pdf)], null))).toMatch(/no attachments/);
  });

  it('refuses an Office file that inflates beyond the budget, even when it declares small sizes', () => {
    const bomb = zip([{ name: 'word/document.xml', content: Buffer.alloc(MAX_EXPANDED_BYTES + 1) }]);
    expect(bomb.length).toBeLessThan(rule.maxBytes);
    expect(refusal(() => inspectAttachments([file('bomb.docx', bomb)], rule))).toMatch(/zip bomb/);
  });

  it('refuses a damaged zip', () => {
    expect(refusal(() => inspectAttachments([file('a.docx', Buffer.from('PK\x03\x04garbage'))], rule))).toMatch(/cannot be read/);
  });
});
