import ExcelJS from 'exceljs';
import type { Cell, CellValue, Workbook, Worksheet } from 'exceljs';
import type { DataItem, ResourceMetadata } from '../../domain/catalog.js';
import { addTitle, SEQUENCE_LABEL, styleHeader, uniqueSheetNames } from './sheet-style.js';
import {
  CATALOG_WORDS,
  DATA_TYPE_WORDS,
  OPEN_SCOPE_WORDS,
  SHARING_METHOD_WORDS,
  SHARING_TYPE_WORDS,
  UPDATE_FREQUENCY_WORDS,
  valueOf,
  wordFor,
  wordsOf,
  YES_NO_WORDS,
  type Vocabulary,
} from './vocabulary.js';

/**
 * The 数据提供调查表 (seed 004, attachment 3) as the platform reads and writes it: one sheet per
 * resource. The template, the export and the import all come from the definitions below.
 *
 *   row 1        title (数据提供调查表, with the resource identifier when exported)
 *   rows 2–11    the resource: label in column A, value in column B (B:G merged), in RESOURCE_FIELDS order
 *   row 12       empty
 *   row 13       the field table's header: 序号 | 字段名称 | 字段描述 | 数据类型 | 数据长度 | 计量单位 | 开放属性
 *   rows 14…     one data item per row
 *
 * The reader is looser than this layout (see resource-form-reader.ts): it finds labels and header
 * cells by their text, wherever they stand, so a sheet with moved rows or the 2015 sample's wording
 * still reads.
 */

/** A cell as the reader sees it: its displayed text, and the number or boolean it holds if any. */
export interface CellContent {
  text: string;
  raw?: number | boolean;
}

export type ReadResult = { value: unknown; problem?: undefined } | { value?: undefined; problem: string };

/** How one field travels between the API's value and a cell. */
export interface Codec {
  write(value: unknown): CellValue;
  read(cell: CellContent | undefined): ReadResult;
  /** The words a single-choice cell offers (a drop-down in the sheet). */
  choices?: string[];
}

const text: Codec = {
  write: (value) => (value === undefined || value === null || value === '' ? null : String(value)),
  read: (cell) => ({ value: cell?.text }),
};

const integer: Codec = {
  write: (value) => (typeof value === 'number' ? value : null),
  // What is not a number goes on as text, so the schema names the problem in one voice.
  read: (cell) => ({ value: cell === undefined ? undefined : typeof cell.raw === 'number' ? cell.raw : /^\d+(\.\d+)?$/.test(cell.text) ? Number(cell.text) : cell.text }),
};

function unknownWord(word: string, words: Vocabulary<string>) {
  return `unknown value '${word}'; expected one of: ${wordsOf(words).join(', ')}`;
}

function oneOf<K extends string>(words: Vocabulary<K>): Codec {
  return {
    write: (value) => (value === undefined || value === null ? null : wordFor(words, value as K)),
    read: (cell) => {
      if (!cell) return { value: undefined };
      const value = valueOf(words, cell.text);
      return value === undefined ? { problem: unknownWord(cell.text, words) } : { value };
    },
    choices: wordsOf(words),
  };
}

const LIST_SEPARATORS = /[、,，;；/\s]+/;

function listOf<K extends string>(words: Vocabulary<K>): Codec {
  return {
    write: (value) => ((value as K[]).length ? (value as K[]).map((key) => wordFor(words, key)).join('、') : null),
    read: (cell) => {
      const parts = (cell?.text ?? '').split(LIST_SEPARATORS).filter(Boolean);
      const unknown = parts.filter((part) => valueOf(words, part) === undefined);
      if (unknown.length > 0) return { problem: unknownWord(unknown.join('、'), words) };
      return { value: parts.map((part) => valueOf(words, part)!) };
    },
  };
}

const yesNo: Codec = {
  write: (value) => wordFor(YES_NO_WORDS, value ? 'yes' : 'no'),
  read: (cell) => {
    if (!cell) return { value: undefined };
    if (typeof cell.raw === 'boolean') return { value: cell.raw };
    const value = valueOf(YES_NO_WORDS, cell.text);
    return value === undefined ? { problem: unknownWord(cell.text, YES_NO_WORDS) } : { value: value === 'yes' };
  },
  choices: wordsOf(YES_NO_WORDS),
};

export interface FormField<K extends string> {
  key: K;
  label: string;
  /** Other labels read as this one (the 2015 sample's wording). */
  aliases?: string[];
  codec: Codec;
  /** Shown as a note on the label: how to fill the cell. */
  hint?: string;
}

type ResourceKey = Exclude<keyof ResourceMetadata, 'dataItems'>;
type ItemKey = keyof DataItem;

export const RESOURCE_FIELDS: readonly FormField<ResourceKey>[] = [
  { key: 'name', label: '信息资源名称', aliases: ['数据资源名称', '资源名称'], codec: text },
  { key: 'abstract', label: '信息资源摘要', aliases: ['资源摘要', '摘要'], codec: text },
  { key: 'catalog', label: '所属目录', codec: oneOf(CATALOG_WORDS) },
  { key: 'classification', label: '信息资源分类', aliases: ['资源分类'], codec: text, hint: '例如：人口/基本信息' },
  { key: 'sharingType', label: '共享类型', codec: oneOf(SHARING_TYPE_WORDS) },
  { key: 'notShareableBasis', label: '不予共享依据', aliases: ['不予共享的法律法规依据'], codec: text, hint: '共享类型为“不予共享”时必填：所依据的法律、法规或政策条款' },
  { key: 'sharingMethods', label: '共享方式', codec: listOf(SHARING_METHOD_WORDS), hint: `可填多个，用顿号分隔：${wordsOf(SHARING_METHOD_WORDS).join('、')}` },
  { key: 'openScope', label: '开放属性', aliases: ['公开范围'], codec: oneOf(OPEN_SCOPE_WORDS) },
  { key: 'updateFrequency', label: '更新周期', aliases: ['更新频率'], codec: oneOf(UPDATE_FREQUENCY_WORDS) },
  { key: 'confidential', label: '是否涉密', codec: yesNo },
];

/** The field table's columns after 序号 (which only numbers the rows: written, never read). */
export const ITEM_COLUMNS: readonly FormField<ItemKey>[] = [
  { key: 'name', label: '字段名称', codec: text },
  { key: 'description', label: '字段描述', aliases: ['字段说明'], codec: text },
  { key: 'dataType', label: '数据类型', codec: oneOf(DATA_TYPE_WORDS) },
  { key: 'length', label: '数据长度', aliases: ['长度'], codec: integer, hint: '字符型填最大字符数，数值型填总位数；可不填' },
  { key: 'unit', label: '计量单位', aliases: ['单位'], codec: text, hint: '例如注册资金的计量单位可以是元或万元' },
  { key: 'openScope', label: '开放属性', aliases: ['公开范围'], codec: oneOf(OPEN_SCOPE_WORDS) },
];

export const FORM_TITLE = '数据提供调查表';
export const HEADER_ROW = 2 + RESOURCE_FIELDS.length + 1;
const WIDTHS = [16, 24, 36, 14, 10, 10, 14];
/** Rows of the blank form's field table that offer the drop-downs. */
const BLANK_ROWS = 100;

export type FormResource = ResourceMetadata & { identifier?: string };

/** One sheet per resource; no resources gives the blank form (the template). */
export function writeResourceForms(resources: readonly FormResource[]): Workbook {
  const workbook = new ExcelJS.Workbook();
  if (resources.length === 0) {
    writeForm(workbook.addWorksheet('信息资源1'));
    return workbook;
  }
  const names = uniqueSheetNames(resources.map((resource) => resource.name));
  resources.forEach((resource, index) => writeForm(workbook.addWorksheet(names[index]), resource));
  return workbook;
}

export function blankResourceForm(): Workbook {
  return writeResourceForms([]);
}

/**
 * A filled sheet offers drop-downs in its filled rows; the blank form adds the notes (how to fill each
 * cell) and drop-downs for BLANK_ROWS items. Notes are kept out of exports because they cost the most
 * to write and to read back (a comments part and a drawing per sheet).
 */
function writeForm(sheet: Worksheet, resource?: FormResource) {
  WIDTHS.forEach((width, index) => (sheet.getColumn(index + 1).width = width));
  addTitle(sheet, resource?.identifier ? `${FORM_TITLE}（信息资源标识符：${resource.identifier}）` : FORM_TITLE, WIDTHS.length);

  RESOURCE_FIELDS.forEach((field, index) => {
    const row = 2 + index;
    const label = sheet.getCell(row, 1);
    label.value = field.label;
    label.font = { bold: true };
    if (!resource) addNote(label, field);
    sheet.mergeCells(row, 2, row, WIDTHS.length);
    const value = sheet.getCell(row, 2);
    value.value = resource ? field.codec.write(resource[field.key]) : null;
    value.alignment = { wrapText: true, vertical: 'top' };
    offerChoices(sheet, row, 2, field);
  });

  const header = sheet.getRow(HEADER_ROW);
  header.values = [SEQUENCE_LABEL, ...ITEM_COLUMNS.map((column) => column.label)];
  styleHeader(header, WIDTHS.length);
  if (!resource) ITEM_COLUMNS.forEach((column, index) => addNote(header.getCell(index + 2), column));

  const items = resource?.dataItems ?? [];
  items.forEach((item, index) => {
    sheet.getRow(HEADER_ROW + 1 + index).values = [index + 1, ...ITEM_COLUMNS.map((column) => column.codec.write(item[column.key]))];
  });
  for (let row = HEADER_ROW + 1; row <= HEADER_ROW + (resource ? items.length : BLANK_ROWS); row++) {
    ITEM_COLUMNS.forEach((column, index) => offerChoices(sheet, row, index + 2, column));
  }
}

function addNote(cell: Cell, field: FormField<string>) {
  const choices = field.codec.choices ? `可选：${field.codec.choices.join('、')}` : undefined;
  const note = [field.hint, choices].filter(Boolean).join('\n');
  if (note) cell.note = note;
}

function offerChoices(sheet: Worksheet, row: number, column: number, field: FormField<string>) {
  if (!field.codec.choices) return;
  sheet.getCell(row, column).dataValidation = {
    type: 'list',
    allowBlank: true,
    formulae: [`"${field.codec.choices.join(',')}"`],
    showErrorMessage: true,
    errorTitle: field.label,
    error: `请从下拉列表中选择：${field.codec.choices.join('、')}`,
  };
}
