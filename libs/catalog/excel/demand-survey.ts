import ExcelJS from 'exceljs';
import type { Workbook } from 'exceljs';
import { UPDATE_FREQUENCIES, type UpdateFrequency } from '../../domain/catalog.js';
import { addTitle, SEQUENCE_LABEL, styleHeader } from './sheet-style.js';
import { UPDATE_FREQUENCY_WORDS, wordFor } from './vocabulary.js';

/** One data demand as the 数据需求调研表 lists it. */
export interface DemandSurveyRow {
  dataName: string;
  expectedProviderName: string;
  content: string;
  purpose: string;
  /** A catalog update frequency (`daily`…, written in Chinese) or the demand's own words. */
  updateFrequency: string;
  requesterName: string;
  /** Written as given: the caller chooses the words. */
  status: string;
}

export const DEMAND_SURVEY_TITLE = '数据需求调研表';

/** Seed 004, attachment 2's columns, then the two a city-wide list needs: who asked, and where it stands. */
export const DEMAND_SURVEY_COLUMNS: readonly { label: string; width: number; value: (demand: DemandSurveyRow) => string }[] = [
  { label: '需求数据名称', width: 24, value: (demand) => demand.dataName },
  { label: '数据提供单位', width: 18, value: (demand) => demand.expectedProviderName },
  { label: '数据需求内容', width: 40, value: (demand) => demand.content },
  { label: '用途', width: 30, value: (demand) => demand.purpose },
  { label: '数据更新频率要求', width: 14, value: (demand) => frequencyWords(demand.updateFrequency) },
  { label: '需求单位', width: 18, value: (demand) => demand.requesterName },
  { label: '状态', width: 10, value: (demand) => demand.status },
];

export const DEMAND_SURVEY_HEADER_ROW = 3;

/**
 * The demand list in the shape of seed 004's attachment 2: title, 填表单位 (filled in when every
 * demand comes from one department, as when a department exports its own), then one numbered row
 * per demand under the header.
 */
export function writeDemandSurvey(demands: readonly DemandSurveyRow[]): Workbook {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(DEMAND_SURVEY_TITLE);
  const widths = [6, ...DEMAND_SURVEY_COLUMNS.map((column) => column.width)];
  widths.forEach((width, index) => (sheet.getColumn(index + 1).width = width));
  addTitle(sheet, DEMAND_SURVEY_TITLE, widths.length);

  const requesters = new Set(demands.map((demand) => demand.requesterName));
  sheet.getCell(2, 1).value = '填表单位：';
  sheet.getCell(2, 2).value = requesters.size === 1 ? [...requesters][0]! : null;

  const header = sheet.getRow(DEMAND_SURVEY_HEADER_ROW);
  header.values = [SEQUENCE_LABEL, ...DEMAND_SURVEY_COLUMNS.map((column) => column.label)];
  styleHeader(header, widths.length);
  demands.forEach((demand, index) => {
    const row = sheet.getRow(DEMAND_SURVEY_HEADER_ROW + 1 + index);
    row.values = [index + 1, ...DEMAND_SURVEY_COLUMNS.map((column) => column.value(demand))];
    row.alignment = { wrapText: true, vertical: 'top' };
  });
  return workbook;
}

function frequencyWords(frequency: string): string {
  return (UPDATE_FREQUENCIES as readonly string[]).includes(frequency) ? wordFor(UPDATE_FREQUENCY_WORDS, frequency as UpdateFrequency) : frequency;
}
