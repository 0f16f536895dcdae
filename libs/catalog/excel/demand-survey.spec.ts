import { DEMAND_SURVEY_HEADER_ROW, writeDemandSurvey, type DemandSurveyRow } from './demand-survey.js';
import { loadXlsx, xlsxBuffer } from './workbook-io.js';

const demand = (overrides: Partial<DemandSurveyRow>): DemandSurveyRow => ({
  dataName: '企业登记信息',
  expectedProviderName: '市工商局',
  content: '企业名称、统一社会信用代码、法定代表人',
  purpose: '办理社会救助时核对申请人名下企业',
  updateFrequency: 'monthly',
  requesterName: '市民政局',
  status: '待答复',
  ...overrides,
});

async function rowsOf(demands: DemandSurveyRow[]) {
  const sheet = (await loadXlsx(await xlsxBuffer(writeDemandSurvey(demands)))).worksheets[0]!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { sheet, rows };
}

describe('the 数据需求调研表 (demand survey)', () => {
  it('lists the demands under attachment 2’s header, numbered, with the update frequency in Chinese', async () => {
    const { sheet, rows } = await rowsOf([demand({}), demand({ dataName: '低保对象名单', expectedProviderName: '市民政局', updateFrequency: '每半年' })]);
    expect(sheet.name).toBe('数据需求调研表');
    expect(rows).toEqual([
      ['数据需求调研表'],
      ['填表单位：', '市民政局'],
      ['序号', '需求数据名称', '数据提供单位', '数据需求内容', '用途', '数据更新频率要求', '需求单位', '状态'],
      [1, '企业登记信息', '市工商局', '企业名称、统一社会信用代码、法定代表人', '办理社会救助时核对申请人名下企业', '每月', '市民政局', '待答复'],
      [2, '低保对象名单', '市民政局', '企业名称、统一社会信用代码、法定代表人', '办理社会救助时核对申请人名下企业', '每半年', '市民政局', '待答复'],
    ]);
    expect(DEMAND_SURVEY_HEADER_ROW).toBe(3);
  });

  it('leaves 填表单位 empty when the demands come from several departments, and writes an empty list as the bare form', async () => {
    const { sheet } = await rowsOf([demand({}), demand({ requesterName: '市公安局' })]);
    expect(sheet.getCell('B2').text).toBe('');
    expect(sheet.getCell('G5').text).toBe('市公安局');
    const empty = await rowsOf([]);
    expect(empty.rows).toHaveLength(3);
  });
});
