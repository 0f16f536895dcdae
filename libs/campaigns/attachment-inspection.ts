import { createHash } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import {
  ATTACHMENT_MEDIA_TYPES,
  type AttachmentRule,
  type AttachmentType,
} from '../domain/campaigns.js';
import { InvalidInputError } from '../domain/errors.js';

export interface UploadedFile {
  buffer: Buffer;
  originalname: string;
  size: number;
}

/** An upload that passed inspection: its type is what its bytes say, never what its name says. */
export interface InspectedAttachment {
  sha256: string;
  filename: string;
  type: AttachmentType;
  mediaType: string;
  size: number;
  content: Buffer;
}

/** An Office file expands to at most this much in total: beyond it, it is treated as a zip bomb. */
export const MAX_EXPANDED_BYTES = 100 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 10_000;

const PDF = Buffer.from('%PDF-', 'latin1');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export const sha256Hex = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/**
 * Checks each upload against the campaign's rule — count, size, not empty, a type the bytes prove — and
 * expands Office files within a budget, so a zip bomb is refused before anything is stored.
 */
export function inspectAttachments(files: UploadedFile[], rule: AttachmentRule | null): InspectedAttachment[] {
  if (!rule) {
    if (files.length > 0) throw new InvalidInputError('this campaign takes no attachments', [{ field: 'files', message: 'not accepted' }]);
    return [];
  }
  if (files.length < rule.minCount)
    throw new InvalidInputError(`at least ${rule.minCount} attachment(s) required`, [{ field: 'files', message: `at least ${rule.minCount}` }]);
  if (files.length > rule.maxCount)
    throw new InvalidInputError(`at most ${rule.maxCount} attachment(s) a filing`, [{ field: 'files', message: `at most ${rule.maxCount}` }]);
  return files.map((file, index) => {
    const field = `files[${index}]`;
    const filename = file.originalname || `attachment-${index + 1}`;
    if (file.buffer.length === 0) throw new InvalidInputError(`${filename} is empty`, [{ field, message: 'empty file' }]);
    if (file.buffer.length > rule.maxBytes)
      throw new InvalidInputError(`${filename} is ${file.buffer.length} bytes; at most ${rule.maxBytes} are allowed`, [{ field, message: 'too large' }]);
    const type = detectType(file.buffer, filename);
    if (!type || !rule.types.includes(type)) {
      throw new InvalidInputError(
        `${filename} is ${type ? `a ${type} file` : 'of no recognised type'} by its content; allowed: ${rule.types.join(', ')}`,
        [{ field, message: 'type not allowed' }],
      );
    }
    return { sha256: sha256Hex(file.buffer), filename, type, mediaType: ATTACHMENT_MEDIA_TYPES[type], size: file.buffer.length, content: file.buffer };
  });
}

/** The type the bytes prove. Legacy OLE files hold Word or Excel alike: there the name decides between the two. */
export function detectType(content: Buffer, filename: string): AttachmentType | undefined {
  const starts = (magic: Buffer) => content.subarray(0, magic.length).equals(magic);
  if (starts(PDF)) return 'pdf';
  if (starts(PNG)) return 'png';
  if (starts(JPEG)) return 'jpeg';
  if (starts(OLE)) return /\.xls$/i.test(filename) ? 'xls' : 'doc';
  if (starts(ZIP)) {
    const names = expandOfficeZip(content);
    if (names.has('word/document.xml')) return 'docx';
    if (names.has('xl/workbook.xml')) return 'xlsx';
    return undefined;
  }
  return undefined;
}

/**
 * Reads the zip's central directory and inflates every entry with a shared output budget: the sizes an
 * archive declares may lie, the inflated bytes do not. Returns the entry names.
 */
function expandOfficeZip(content: Buffer): Set<string> {
  const broken = (why: string) => new InvalidInputError(`the Office file cannot be read: ${why}`, [{ field: 'files', message: why }]);
  const eocd = content.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > content.length) throw broken('no zip directory');
  const entries = content.readUInt16LE(eocd + 10);
  let offset = content.readUInt32LE(eocd + 16);
  if (entries > MAX_ZIP_ENTRIES) throw broken('too many entries');
  const names = new Set<string>();
  let budget = MAX_EXPANDED_BYTES;
  for (let i = 0; i < entries; i++) {
    if (offset + 46 > content.length || content.readUInt32LE(offset) !== 0x02014b50) throw broken('a damaged zip directory');
    const method = content.readUInt16LE(offset + 10);
    const compressedSize = content.readUInt32LE(offset + 20);
    const nameLength = content.readUInt16LE(offset + 28);
    const extraLength = content.readUInt16LE(offset + 30);
    const commentLength = content.readUInt16LE(offset + 32);
    const localOffset = content.readUInt32LE(offset + 42);
    if (compressedSize === 0xffffffff || localOffset === 0xffffffff) throw broken('zip64 archives are not accepted');
    names.add(content.toString('utf8', offset + 46, offset + 46 + nameLength));
    if (localOffset + 30 > content.length || content.readUInt32LE(localOffset) !== 0x04034b50) throw broken('a damaged zip entry');
    const dataStart = localOffset + 30 + content.readUInt16LE(localOffset + 26) + content.readUInt16LE(localOffset + 28);
    const data = content.subarray(dataStart, dataStart + compressedSize);
    let expanded: number;
    if (method === 0) expanded = data.length;
    else if (method === 8) {
      try {
        expanded = inflateRawSync(data, { maxOutputLength: Math.max(budget, 1) }).length;
      } catch (error) {
        if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
          throw new InvalidInputError(`the Office file expands beyond ${MAX_EXPANDED_BYTES} bytes (a zip bomb)`, [{ field: 'files', message: 'expands too far' }]);
        throw broken('an entry does not inflate');
      }
    } else throw broken(`compression method ${method}`);
    budget -= expanded;
    if (budget < 0) throw new InvalidInputError(`the Office file expands beyond ${MAX_EXPANDED_BYTES} bytes (a zip bomb)`, [{ field: 'files', message: 'expands too far' }]);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}
