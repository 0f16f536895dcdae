import { createInflateRaw } from 'node:zlib';
import { InvalidInputError, RuleViolationError } from '../../domain/errors.js';

/**
 * What an uploaded .xlsx (a zip archive) may hold before any parser opens it. A form workbook of 200 sheets has a
 * few hundred entries and inflates to a few megabytes; a zip bomb (100 KB inflating to 100 MB of shared strings)
 * would otherwise be expanded whole in memory by the parser.
 */
export const ZIP_LIMITS = { maxEntries: 2_000, maxInflatedBytes: 50 * 1024 * 1024 };

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  declaredSize: number;
  localHeaderOffset: number;
}

/** A limit passed: the archive is well made but more than an import reads (422). */
function tooLarge(message: string): RuleViolationError {
  return new RuleViolationError(`the .xlsx workbook is refused: ${message}`, [{ field: 'file', message }]);
}

/** Not an archive a spreadsheet application writes: malformed input (400), as the parser would answer. */
function damaged(message: string): InvalidInputError {
  return new InvalidInputError(`the .xlsx workbook cannot be read: ${message}`, [{ field: 'file', message }]);
}

/**
 * Checks the archive's entry count, their declared inflated sizes, then their actual inflated sizes (declared
 * sizes can lie), inflating entry by entry as a stream that counts bytes and discards them, aborting past the
 * limit. 422 when a limit is passed, 400 when the archive is not one a spreadsheet application writes.
 */
export async function checkZipLimits(data: Buffer, limits = ZIP_LIMITS): Promise<void> {
  const entries = centralDirectory(data, limits.maxEntries);
  const declared = entries.reduce((sum, entry) => sum + entry.declaredSize, 0);
  if (declared > limits.maxInflatedBytes) {
    throw tooLarge(`its entries declare ${declared} bytes once inflated; at most ${limits.maxInflatedBytes} are read`);
  }
  let inflated = 0;
  for (const entry of entries) {
    inflated += await inflatedSize(data, entry, limits.maxInflatedBytes - inflated);
  }
}

function centralDirectory(data: Buffer, maxEntries: number): ZipEntry[] {
  const eocd = findEndOfCentralDirectory(data);
  const count = data.readUInt16LE(eocd + 10);
  const offset = data.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) throw tooLarge('it is a ZIP64 archive, which no form workbook needs');
  if (count > maxEntries) throw tooLarge(`it has ${count} entries; at most ${maxEntries} are read`);
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw damaged('its central directory is damaged');
    const nameLength = data.readUInt16LE(at + 28);
    const entry = {
      method: data.readUInt16LE(at + 10),
      compressedSize: data.readUInt32LE(at + 20),
      declaredSize: data.readUInt32LE(at + 24),
      localHeaderOffset: data.readUInt32LE(at + 42),
      name: data.toString('utf8', at + 46, at + 46 + nameLength),
    };
    if (entry.method !== STORED && entry.method !== DEFLATED) throw damaged(`entry ${entry.name} uses compression method ${entry.method}`);
    entries.push(entry);
    at += 46 + nameLength + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
  }
  return entries;
}

function findEndOfCentralDirectory(data: Buffer): number {
  const earliest = Math.max(0, data.length - 22 - 0xffff);
  for (let at = data.length - 22; at >= earliest; at--) {
    if (data.readUInt32LE(at) === EOCD_SIGNATURE) return at;
  }
  throw damaged('it is not a complete zip archive');
}

/** The entry's actual inflated size, inflating it as a stream; throws as soon as it passes `budget`. */
async function inflatedSize(data: Buffer, entry: ZipEntry, budget: number): Promise<number> {
  const local = entry.localHeaderOffset;
  if (local + 30 > data.length || data.readUInt32LE(local) !== LOCAL_SIGNATURE) throw damaged(`entry ${entry.name} is damaged`);
  const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
  const compressed = data.subarray(start, start + entry.compressedSize);
  const overBudget = () => tooLarge(`it inflates to more than ${ZIP_LIMITS.maxInflatedBytes} bytes`);
  if (entry.method === STORED) {
    if (compressed.length > budget) throw overBudget();
    return compressed.length;
  }
  return new Promise<number>((resolve, reject) => {
    let size = 0;
    const inflate = createInflateRaw();
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > budget) {
        inflate.destroy();
        reject(overBudget());
      }
    });
    inflate.on('end', () => resolve(size));
    inflate.on('error', () => reject(damaged(`entry ${entry.name} is not valid deflate data`)));
    inflate.end(compressed);
  });
}
