import type { Row, Worksheet } from 'exceljs';

const MAX_SHEET_NAME = 31;

/** The first column of the forms' tables: it numbers the rows, and is never read back. */
export const SEQUENCE_LABEL = '序号';

/** A merged, bold title across the first row. */
export function addTitle(sheet: Worksheet, title: string, columns: number) {
  sheet.mergeCells(1, 1, 1, columns);
  const cell = sheet.getCell(1, 1);
  cell.value = title;
  cell.font = { bold: true, size: 14 };
  cell.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(1).height = 24;
}

export function styleHeader(row: Row, columns: number) {
  for (let column = 1; column <= columns; column++) {
    const cell = row.getCell(column);
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  }
}

/**
 * Sheet names Excel accepts for the wanted ones: at most 31 characters, none of : \ / ? * [ ],
 * no apostrophe at either end, and unique regardless of case (a repeat gets “(2)”, “(3)”…).
 */
export function uniqueSheetNames(wanted: readonly string[]): string[] {
  const taken = new Set<string>();
  return wanted.map((name, index) => {
    const base = name.replace(/[:\\/?*[\]]/g, '_').replace(/^'+|'+$/g, '').trim() || `Sheet${index + 1}`;
    for (let copy = 1; ; copy++) {
      const suffix = copy === 1 ? '' : `(${copy})`;
      const candidate = truncate(base, MAX_SHEET_NAME - suffix.length) + suffix;
      if (!taken.has(candidate.toLowerCase())) {
        taken.add(candidate.toLowerCase());
        return candidate;
      }
    }
  });
}

function truncate(text: string, length: number): string {
  const characters = Array.from(text);
  while (characters.join('').length > length) characters.pop();
  return characters.join('').trimEnd();
}
