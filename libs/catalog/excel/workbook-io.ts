import ExcelJS from 'exceljs';
import type { Workbook, XlsxReadOptions } from 'exceljs';
import { InvalidInputError } from '../../domain/errors.js';
import { checkZipLimits } from './zip-limits.js';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
/** An import or an export handles at most this many sheets (a resource each): the search's largest page. */
export const MAX_SHEETS = 200;

/**
 * An uploaded .xlsx as a workbook, or 400. exceljs expands every data-validation and merge range
 * cell by cell, so one whole-column range in a hostile file would stall the API: the reader needs
 * neither, and rows and columns are bounded (`maxRows`/`maxCols` are read by exceljs but missing
 * from its typings).
 */
export async function loadXlsx(data: Buffer): Promise<Workbook> {
  if (data.subarray(0, 4).equals(OLE_SIGNATURE)) {
    throw new InvalidInputError('the file is an Excel 97–2003 workbook (.xls); save it as .xlsx and upload again');
  }
  if (!data.subarray(0, 4).equals(ZIP_SIGNATURE)) throw new InvalidInputError('the file is not an .xlsx workbook');
  await checkZipLimits(data); // before the parser inflates anything: 422 for a zip bomb
  const workbook = new ExcelJS.Workbook();
  const options = { ignoreNodes: ['dataValidations', 'mergeCells'], maxRows: 5_000, maxCols: 100 } as Partial<XlsxReadOptions>;
  try {
    // exceljs types its input as an ArrayBuffer-like Buffer of its own, which Node's Buffer no longer matches.
    await workbook.xlsx.load(new Uint8Array(data).buffer, options);
  } catch (error) {
    throw new InvalidInputError(`the .xlsx workbook cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (workbook.worksheets.length === 0) throw new InvalidInputError('the file is not an .xlsx workbook: it has no worksheets');
  if (workbook.worksheets.length > MAX_SHEETS) throw new InvalidInputError(`the workbook has ${workbook.worksheets.length} sheets; at most ${MAX_SHEETS} are read at once`);
  return workbook;
}

export async function xlsxBuffer(workbook: Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
