import type { Cell, Workbook, Worksheet } from 'exceljs';
import type { z } from 'zod';
import { metadataRuleViolations, type ResourceMetadata } from '../../domain/catalog.js';
import { ITEM_COLUMNS, RESOURCE_FIELDS, type CellContent, type FormField } from './resource-form.js';
import { normaliseWord } from './vocabulary.js';

/** What is wrong with one cell (or a row or column the sheet lacks, `row`/`cell` null) of a sheet. */
export interface FormProblem {
  sheet: string;
  row: number | null;
  /** The form's label of the field or column, e.g. 数据类型. */
  column: string;
  cell: string | null;
  /** The API field it feeds, e.g. `dataItems.2.dataType`. */
  field: string;
  message: string;
}

export type SheetReading =
  | { sheet: string; status: 'valid'; metadata: ResourceMetadata }
  | { sheet: string; status: 'invalid'; problems: FormProblem[] }
  | { sheet: string; status: 'blank'; reason: string };

/**
 * Reads every sheet of a 数据提供调查表 workbook. Labels and the field table's header are found by
 * their text, so rows may move and the 2015 sample's wording (数据资源名称, 公开范围, 字段说明…) reads;
 * labels the form does not define are ignored. A label's value is the cell to its right, or the next
 * filled one beyond it unless that is another label. Each candidate is validated by `schema` — the
 * API's own — and then by the catalog's rules, so a sheet is valid exactly when
 * `POST /catalog/resources` would accept it.
 */
export function readResourceForms(workbook: Workbook, schema: z.ZodType<ResourceMetadata>): SheetReading[] {
  return workbook.worksheets.map((sheet) => readSheet(sheet, schema));
}

interface Place {
  row: number;
  column: number;
  content?: CellContent;
}

const NAME_COLUMN = ITEM_COLUMNS.find((column) => column.key === 'name')!;

function readSheet(sheet: Worksheet, schema: z.ZodType<ResourceMetadata>): SheetReading {
  const grid = gridOf(sheet);
  const rows = [...grid.keys()];
  const headerRow = rows.find((row) => [...grid.get(row)!.values()].some((cell) => isLabelOf(NAME_COLUMN, cell.text)));
  const problems: FormProblem[] = [];
  const problem = (field: string, at: { row: number | null; column: string; cell: string | null }, message: string) =>
    problems.push({ sheet: sheet.name, ...at, field, message });

  const labels = new Map<string, Place>();
  for (const row of rows.filter((row) => headerRow === undefined || row < headerRow)) {
    const cells = [...grid.get(row)!];
    for (let index = 0; index < cells.length; index++) {
      const [column, cell] = cells[index]!;
      const field = RESOURCE_FIELDS.find((candidate) => isLabelOf(candidate, cell.text));
      if (!field) continue;
      const seen = labels.get(field.key);
      if (seen) {
        problem(field.key, { row, column: field.label, cell: address(row, column) }, `the label appears twice (rows ${seen.row} and ${row})`);
        continue;
      }
      // The adjacent cell is the value whatever it says; a farther one only if it is not the next label.
      const next = cells[index + 1];
      const isValue = next !== undefined && (next[0] === column + 1 || !RESOURCE_FIELDS.some((other) => isLabelOf(other, next[1].text)));
      labels.set(field.key, isValue ? { row, column: next[0], content: next[1] } : { row, column: column + 1 });
      if (isValue) index++;
    }
  }

  const columns = new Map<string, number>();
  if (headerRow !== undefined) {
    for (const [column, cell] of grid.get(headerRow)!) {
      const field = ITEM_COLUMNS.find((candidate) => isLabelOf(candidate, cell.text));
      if (field && !columns.has(field.key)) columns.set(field.key, column);
    }
  }
  const itemRows = headerRow === undefined ? [] : rows.filter((row) => row > headerRow && [...columns.values()].some((column) => grid.get(row)!.has(column)));

  if (itemRows.length === 0 && [...labels.values()].every((place) => !place.content)) {
    const isForm = labels.size > 0 || headerRow !== undefined;
    return { sheet: sheet.name, status: 'blank', reason: isForm ? 'the form is blank' : 'not a 数据提供调查表: no labels such as 信息资源名称 and no field table' };
  }

  const rejectedFields = new Set<string>();
  const read = (field: FormField<string>, place: Place | undefined, path: string, at: Parameters<typeof problem>[1]) => {
    const result = field.codec.read(place?.content);
    if (result.problem !== undefined) {
      rejectedFields.add(path);
      problem(path, at, result.problem);
    }
    return result.value;
  };

  const candidate: Record<string, unknown> = {};
  for (const field of RESOURCE_FIELDS) {
    const value = read(field, labels.get(field.key), field.key, locateField(field));
    if (value !== undefined) candidate[field.key] = value;
  }
  candidate.dataItems = itemRows.map((row, index) => {
    const item: Record<string, unknown> = {};
    for (const column of ITEM_COLUMNS) {
      const at = columns.get(column.key);
      const place = at === undefined ? undefined : { row, column: at, content: grid.get(row)!.get(at) };
      const value = read(column, place, `dataItems.${index}.${column.key}`, { row, column: column.label, cell: at === undefined ? null : address(row, at) });
      if (value !== undefined) item[column.key] = value;
    }
    return item;
  });
  if (headerRow === undefined) {
    problem('dataItems', { row: null, column: NAME_COLUMN.label, cell: null }, `the sheet has no field table: a header row with ${ITEM_COLUMNS.map((c) => c.label).join(', ')}`);
  }

  const parsed = schema.safeParse(candidate, { error: friendlyMessage });
  for (const issue of parsed.error?.issues ?? []) {
    const path = issue.path.map(String);
    if (rejectedFields.has(path.join('.')) || (headerRow === undefined && path[0] === 'dataItems')) continue;
    const [at, message] = locate(path, issue.message);
    problem(path.join('.'), at, message);
  }
  // The catalog's rules need well-formed input; checking the rows that are lets one reading report both kinds.
  const checkable = parsed.success ? { metadata: parsed.data, itemIndexes: itemRows.map((_, index) => index) } : wellFormedPart(candidate, parsed.error.issues, schema);
  for (const violation of checkable ? metadataRuleViolations(checkable.metadata) : []) {
    const path = violation.field.split('.');
    if (path[0] === 'dataItems' && path[1] !== undefined) path[1] = String(checkable!.itemIndexes[Number(path[1])]);
    const [at, message] = locate(path, violation.message);
    problem(path.join('.'), at, message);
  }
  if (problems.length === 0 && parsed.success) return { sheet: sheet.name, status: 'valid', metadata: parsed.data };
  return { sheet: sheet.name, status: 'invalid', problems: distinct(problems).sort((a, b) => (a.row ?? 0) - (b.row ?? 0)) };

  function locateField(field: FormField<string>) {
    const place = labels.get(field.key);
    return { row: place?.row ?? null, column: field.label, cell: place ? address(place.row, place.column) : null };
  }

  /** Where a problem with an API path stands on the sheet, and its message as the sheet's reader needs it. */
  function locate(path: string[], message: string): [Parameters<typeof problem>[1], string] {
    if (path[0] !== 'dataItems') {
      const field = RESOURCE_FIELDS.find((candidate) => candidate.key === path[0])!;
      const at = locateField(field);
      return [at, at.row === null ? `${message} (the sheet has no ${field.label} row)` : message];
    }
    if (path[1] === undefined) return [{ row: headerRow!, column: NAME_COLUMN.label, cell: null }, message];
    const column = ITEM_COLUMNS.find((candidate) => candidate.key === path[2]) ?? NAME_COLUMN;
    const at = columns.get(column.key);
    if (at === undefined) return [{ row: headerRow!, column: column.label, cell: null }, `the field table has no ${column.label} column`];
    const row = itemRows[Number(path[1])]!;
    return [{ row, column: column.label, cell: address(row, at) }, message];
  }
}

/** The sheet without its malformed items, when what remains is well-formed: the rows the rules can judge. */
function wellFormedPart(candidate: Record<string, unknown>, issues: readonly z.core.$ZodIssue[], schema: z.ZodType<ResourceMetadata>) {
  const malformed = new Set(issues.filter((issue) => issue.path[0] === 'dataItems').map((issue) => issue.path[1]));
  const itemIndexes = (candidate.dataItems as unknown[]).map((_, index) => index).filter((index) => !malformed.has(index));
  const retried = schema.safeParse({ ...candidate, dataItems: itemIndexes.map((index) => (candidate.dataItems as unknown[])[index]) });
  return retried.success ? { metadata: retried.data, itemIndexes } : undefined;
}

/** Plainer words than the schema's defaults for the problems a person filling a form makes. */
function friendlyMessage(issue: { code: string; input?: unknown; origin?: string; expected?: string; minimum?: unknown; maximum?: unknown }) {
  const { code, input, origin, minimum, maximum } = issue;
  if (input === undefined || input === '') return 'is required';
  if (code === 'invalid_type' && (issue.expected === 'number' || issue.expected === 'int')) return 'must be a whole number';
  if (code === 'too_small' && origin === 'string') return 'is required';
  if (code === 'too_small' && origin === 'array') return `needs at least ${String(minimum)} row${minimum === 1 ? '' : 's'}`;
  if (code === 'too_small' && origin === 'number') return 'must be greater than 0';
  if (code === 'too_big' && origin === 'string') return `is longer than ${String(maximum)} characters`;
  if (code === 'too_big' && origin === 'array') return `has more than ${String(maximum)} rows`;
  if (code === 'too_big' && origin === 'number') return `must be at most ${String(maximum)}`;
  return undefined;
}

function isLabelOf(field: FormField<string>, text: string): boolean {
  const label = normaliseWord(text).replace(/^[*＊]+|[*＊:：]+$/g, '');
  return [field.label, ...(field.aliases ?? [])].some((candidate) => normaliseWord(candidate) === label);
}

/** The filled cells of a sheet by row and column, in order. */
function gridOf(sheet: Worksheet): Map<number, Map<number, CellContent>> {
  const grid = new Map<number, Map<number, CellContent>>();
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells = new Map<number, CellContent>();
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      const content = contentOf(cell);
      if (content) cells.set(column, content);
    });
    if (cells.size > 0) grid.set(rowNumber, cells);
  });
  return grid;
}

function contentOf(cell: Cell): CellContent | undefined {
  const text = cell.text.trim();
  if (!text) return undefined;
  const value = cell.value;
  const result = value !== null && typeof value === 'object' && 'result' in value ? value.result : value;
  return { text, raw: typeof result === 'number' || typeof result === 'boolean' ? result : undefined };
}

export function address(row: number, column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${row}`;
}

function distinct(problems: FormProblem[]): FormProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.row}|${p.column}|${p.message}`;
    return !seen.has(key) && seen.add(key) !== undefined;
  });
}
