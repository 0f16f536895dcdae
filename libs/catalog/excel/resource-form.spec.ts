import ExcelJS from 'exceljs';
import { resourceSchema } from '../../../apps/api/src/catalog/catalog.schemas.js';
import type { ResourceMetadata } from '../../domain/catalog.js';
import { InvalidInputError } from '../../domain/errors.js';
import { readResourceForms, type SheetReading } from './resource-form-reader.js';
import { blankResourceForm, HEADER_ROW, ITEM_COLUMNS, RESOURCE_FIELDS, writeResourceForms } from './resource-form.js';
import { uniqueSheetNames } from './sheet-style.js';
import { OPEN_SCOPE_WORDS, valueOf, wordsOf } from './vocabulary.js';
import { loadXlsx, xlsxBuffer } from './workbook-io.js';

const population: ResourceMetadata = {
  name: '常住人口基本信息',
  abstract: '本市常住人口的户籍、居住与身份核验信息。',
  catalog: 'base',
  classification: '人口/基本信息',
  sharingType: 'conditional',
  sharingMethods: ['api', 'table_sync'],
  openScope: 'internal',
  updateFrequency: 'daily',
  confidential: false,
  dataItems: [
    { name: '公民身份号码', description: '18位身份证号', dataType: 'string', length: 18, openScope: 'not_public' },
    { name: '出生日期', description: '', dataType: 'datetime', openScope: 'internal' },
    { name: '家庭年收入', description: '申报数', dataType: 'numeric', length: 12, unit: '万元', openScope: 'partly_public' },
  ],
};

const secretArchive: ResourceMetadata = {
  name: '涉密档案目录',
  abstract: '涉密档案的目录信息。',
  catalog: 'database',
  classification: '档案',
  sharingType: 'not_shareable',
  notShareableBasis: '《中华人民共和国保守国家秘密法》第二条',
  sharingMethods: [],
  openScope: 'not_public',
  updateFrequency: 'quarterly',
  confidential: true,
  dataItems: [
    { name: '档号', description: '', dataType: 'string', openScope: 'not_public' },
    { name: '扫描件', description: '', dataType: 'binary', openScope: 'not_public' },
    { name: '页数', description: '', dataType: 'integer', unit: '页', openScope: 'internal' },
  ],
};

/** What a person's spreadsheet program would hand back: the workbook written, then read as an upload. */
async function roundTrip(workbook: ExcelJS.Workbook): Promise<SheetReading[]> {
  return readResourceForms(await loadXlsx(await xlsxBuffer(workbook)), resourceSchema);
}

type Row = (string | number | boolean | null)[];

/** A sheet typed in by hand, one array per row from row 1. */
function handMade(sheets: Record<string, Row[]>): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    rows.forEach((values, index) => (sheet.getRow(index + 1).values = values));
  }
  return workbook;
}

/** The platform's layout, filled by hand: label rows, an empty row, the header, the items. */
function formRows(fields: Record<string, string | number | boolean | null>, items: Row[]): Row[] {
  return [
    ['数据提供调查表'],
    ...Object.entries(fields).map(([label, value]) => [label, value]),
    [],
    ['序号', '字段名称', '字段描述', '数据类型', '数据长度', '计量单位', '开放属性'],
    ...items.map((item, index) => [index + 1, ...item]),
  ];
}

const validFields = {
  信息资源名称: '企业登记信息',
  信息资源摘要: '市场主体登记注册信息。',
  所属目录: '基础信息共享目录',
  信息资源分类: '法人/登记',
  共享类型: '无条件共享',
  不予共享依据: null,
  共享方式: '接口、文件',
  开放属性: '向社会开放',
  更新周期: '实时',
  是否涉密: '否',
};

function problemsOf(reading: SheetReading) {
  if (reading.status !== 'invalid') throw new Error(`expected an invalid sheet, got ${JSON.stringify(reading)}`);
  return reading.problems.map(({ row, column, cell, field, message }) => ({ row, column, cell, field, message }));
}

describe('the 数据提供调查表 (resource form)', () => {
  it('writes one sheet per resource that reads back as the same resources', async () => {
    const readings = await roundTrip(writeResourceForms([{ ...population, identifier: 'JC-GA/000001' }, secretArchive]));
    expect(readings).toEqual([
      { sheet: population.name, status: 'valid', metadata: population },
      { sheet: secretArchive.name, status: 'valid', metadata: secretArchive },
    ]);
  });

  it('takes the cell beside a label as its value even when it reads like a label', async () => {
    const terse = { ...population, abstract: '摘要', classification: '公开范围' };
    expect(await roundTrip(writeResourceForms([terse]))).toEqual([{ sheet: terse.name, status: 'valid', metadata: terse }]);
  });

  it('lays the sheet out as documented, in Chinese words, with the identifier in the title when exported', async () => {
    const workbook = await loadXlsx(await xlsxBuffer(writeResourceForms([{ ...population, identifier: 'JC-GA/000001' }])));
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A1').text).toBe('数据提供调查表（信息资源标识符：JC-GA/000001）');
    expect(RESOURCE_FIELDS.map((_, index) => [sheet.getCell(2 + index, 1).text, sheet.getCell(2 + index, 2).text])).toEqual([
      ['信息资源名称', '常住人口基本信息'],
      ['信息资源摘要', population.abstract],
      ['所属目录', '基础信息共享目录'],
      ['信息资源分类', '人口/基本信息'],
      ['共享类型', '有条件共享'],
      ['不予共享依据', ''],
      ['共享方式', '接口、库表同步'],
      ['开放属性', '仅政务内部'],
      ['更新周期', '每日'],
      ['是否涉密', '否'],
    ]);
    expect(HEADER_ROW).toBe(13);
    expect((sheet.getRow(13).values as unknown[]).slice(1)).toEqual(['序号', '字段名称', '字段描述', '数据类型', '数据长度', '计量单位', '开放属性']);
    expect((sheet.getRow(16).values as unknown[]).slice(1)).toEqual([3, '家庭年收入', '申报数', '数值型', 12, '万元', '部分开放']);
  });

  it('serves a blank form as the template: one sheet that reads as blank, with drop-downs for the choices', async () => {
    const template = blankResourceForm();
    expect(template.worksheets.map((sheet) => sheet.name)).toEqual(['信息资源1']);
    const sheet = template.worksheets[0]!;
    expect(sheet.getCell('B4').dataValidation).toMatchObject({ type: 'list', formulae: ['"基础信息共享目录,应用信息共享目录,数据库管理目录,信息采集责任公开目录"'] });
    expect(sheet.getCell(HEADER_ROW + 1, 4).dataValidation).toMatchObject({ type: 'list', formulae: ['"整数型,数值型,日期时间型,字符型,二进制"'] });
    expect(sheet.getCell('A8').note).toContain('可填多个');
    expect(await roundTrip(template)).toEqual([{ sheet: '信息资源1', status: 'blank', reason: 'the form is blank' }]);
  });

  it('writes the blank form when there is nothing to export, since a workbook needs a sheet', () => {
    expect(writeResourceForms([]).worksheets.map((sheet) => sheet.name)).toEqual(['信息资源1']);
  });

  it('names the rows and cells of every problem in a sheet, and judges the other sheets alone', async () => {
    const readings = await roundTrip(
      handMade({
        好: formRows(validFields, [['统一社会信用代码', '', '字符型', 18, null, '向社会开放']]),
        坏: formRows({ ...validFields, 共享类型: '不予共享', 共享方式: null }, [
          ['企业名称', '', '文本型', 200, null, '向社会开放'],
          [null, '没有名字的字段', '字符型', '十八', null, '仅政务内部'],
          ['注册资本', '', '数值型', 18, '万元', '不予开放'],
          ['注册资本', '重复', '数值型', null, '万元', '不予开放'],
        ]),
      }),
    );
    expect(readings[0]).toMatchObject({ sheet: '好', status: 'valid', metadata: { name: '企业登记信息', sharingMethods: ['api', 'file'], openScope: 'public' } });
    expect(problemsOf(readings[1]!)).toEqual([
      { row: 7, column: '不予共享依据', cell: 'B7', field: 'notShareableBasis', message: expect.stringContaining('legal basis') },
      { row: 14, column: '数据类型', cell: 'D14', field: 'dataItems.0.dataType', message: "unknown value '文本型'; expected one of: 整数型, 数值型, 日期时间型, 字符型, 二进制" },
      { row: 15, column: '字段名称', cell: 'B15', field: 'dataItems.1.name', message: 'is required' },
      { row: 15, column: '数据长度', cell: 'E15', field: 'dataItems.1.length', message: 'must be a whole number' },
      { row: 17, column: '字段名称', cell: 'B17', field: 'dataItems.3.name', message: "the item name '注册资本' appears twice" },
    ]);
    expect(readings[1]).toMatchObject({ sheet: '坏', status: 'invalid' });
    expect(new Set((readings[1] as { problems: { sheet: string }[] }).problems.map((p) => p.sheet))).toEqual(new Set(['坏']));
  });

  it('reads the 2015 sample’s wording and layout: labels side by side, 公开范围, 字段说明, 长度', async () => {
    const [reading] = await roundTrip(
      handMade({
        工商: [
          ['数据资源名称：', '企业年报', '公开范围：', '对外公开', '管理方式：', '计算机'],
          ['信息资源摘要', '企业年度报告。', '所属目录', '应用', '信息资源分类', '法人/年报'],
          ['共享类型', '有条件共享', '共享方式', '文件；接口', '更新周期', '每年一次', '是否涉密', false],
          [],
          ['字段名称', '字段说明', '数据类型', '长度', '计量单位', '公开范围'],
          ['年报年度', '', '整数型', '4', '', '对外公开'],
          ['资产总额', '', '数值型', 18, '万元', '部分公开'],
          ['附件', '', '二进制数据型', null, null, '不公开'],
        ],
      }),
    );
    expect(problemsOf(reading!)).toEqual([
      { row: 3, column: '更新周期', cell: 'F3', field: 'updateFrequency', message: "unknown value '每年一次'; expected one of: 实时, 每日, 每周, 每月, 每季度" },
    ]);
  });

  it('accepts a well-formed sample-style sheet, reading typed cells (booleans, numbers, formulas, rich text)', async () => {
    const workbook = handMade({
      工商: [
        ['数据资源名称：', { richText: [{ text: '企业' }, { text: '年报' }] } as never, '公开范围：', '对外公开'],
        ['信息资源摘要', '企业年度报告。', '所属目录', ' 应用 ', '信息资源分类', 2024],
        ['共享类型', '有条件共享', '共享方式', '文件；接口', '更新周期', '每月', '是否涉密', false],
        ['字段名称', '字段说明', '数据类型', '长度', '计量单位', '公开范围'],
        ['年报年度', '', '整数型', { formula: '2*2', result: 4 } as never, '', '对外公开'],
      ],
    });
    const [reading] = await roundTrip(workbook);
    expect(reading).toEqual({
      sheet: '工商',
      status: 'valid',
      metadata: {
        name: '企业年报',
        abstract: '企业年度报告。',
        catalog: 'application',
        classification: '2024',
        sharingType: 'conditional',
        sharingMethods: ['file', 'api'],
        openScope: 'public',
        updateFrequency: 'monthly',
        confidential: false,
        dataItems: [{ name: '年报年度', description: '', dataType: 'integer', length: 4, openScope: 'public' }],
      },
    });
  });

  it('says which rows and columns a sheet lacks', async () => {
    const rows = formRows({ 信息资源名称: '缺行缺列', 共享类型: '无条件共享', 共享方式: '接口' }, []);
    rows[rows.length - 1] = ['序号', '字段名称', '数据类型'];
    rows.push([1, '甲', '字符型'], [2, '乙', '字符型']);
    const problems = problemsOf((await roundTrip(handMade({ 缺: rows })))[0]!);
    expect(problems).toEqual(
      expect.arrayContaining([
        { row: null, column: '信息资源摘要', cell: null, field: 'abstract', message: 'is required (the sheet has no 信息资源摘要 row)' },
        { row: 6, column: '开放属性', cell: null, field: 'dataItems.0.openScope', message: 'the field table has no 开放属性 column' },
      ]),
    );
    expect(problems.filter((p) => p.column === '开放属性' && p.field.startsWith('dataItems'))).toHaveLength(1);
  });

  it('rejects a sheet with labels but no field table, and a sheet whose table is empty', async () => {
    const readings = await roundTrip(handMade({ 无表: [['信息资源名称', '只有名称']], 空表: formRows(validFields, []) }));
    expect(problemsOf(readings[0]!)).toContainEqual({ row: null, column: '字段名称', cell: null, field: 'dataItems', message: expect.stringContaining('no field table') });
    expect(problemsOf(readings[1]!)).toEqual([{ row: 13, column: '字段名称', cell: null, field: 'dataItems', message: 'needs at least 1 row' }]);
  });

  it('skips a sheet that is not a form, and reports a label given twice', async () => {
    const readings = await roundTrip(handMade({ 说明: [['请每类资源填写一张表']], 重复: formRows({ ...validFields, 信息资源名称: '甲', '信息资源名称：': '乙' }, [['x', '', '字符型', null, null, '向社会开放']]) }));
    expect(readings[0]).toEqual({ sheet: '说明', status: 'blank', reason: expect.stringContaining('not a 数据提供调查表') });
    expect(problemsOf(readings[1]!)).toEqual([{ row: 12, column: '信息资源名称', cell: 'A12', field: 'name', message: 'the label appears twice (rows 2 and 12)' }]);
  });

  it('keeps every item column and resource field in the API’s vocabulary', () => {
    expect(RESOURCE_FIELDS.map((field) => field.key).sort()).toEqual(Object.keys(resourceSchema.shape).filter((key) => key !== 'dataItems').sort());
    expect(ITEM_COLUMNS.map((column) => column.key).sort()).toEqual(Object.keys(resourceSchema.shape.dataItems.element.shape).sort());
  });
});

describe('loading an uploaded workbook', () => {
  it('refuses what is not an .xlsx, with a reason', async () => {
    await expect(loadXlsx(Buffer.from('名称,类型\n'))).rejects.toThrow(new InvalidInputError('the file is not an .xlsx workbook'));
    await expect(loadXlsx(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).rejects.toThrow(/Excel 97–2003/);
    await expect(loadXlsx(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]))).rejects.toThrow(/cannot be read/);
  });
});

describe('sheet names and words', () => {
  it('names exported sheets as Excel allows: 31 characters, no : \\ / ? * [ ], unique regardless of case', () => {
    const long = '某某市某某区某某街道某某社区居民委员会辖区内常住人口与流动人口基本信息汇总';
    expect(uniqueSheetNames([long, long, 'a/b:c', 'Data', 'DATA', "'quoted'", ''])).toEqual([
      long.slice(0, 31),
      `${long.slice(0, 28)}(2)`,
      'a_b_c',
      'Data',
      'DATA(2)',
      'quoted',
      'Sheet7',
    ]);
  });

  it('reads a value by its word, an alias, or the API’s own value, whatever the spaces and case', () => {
    expect(valueOf(OPEN_SCOPE_WORDS, '向社会开放')).toBe('public');
    expect(valueOf(OPEN_SCOPE_WORDS, '对 外\u3000公开')).toBe('public');
    expect(valueOf(OPEN_SCOPE_WORDS, 'Partly_Public')).toBe('partly_public');
    expect(valueOf(OPEN_SCOPE_WORDS, '半公开')).toBeUndefined();
    expect(wordsOf(OPEN_SCOPE_WORDS)).toEqual(['向社会开放', '部分开放', '仅政务内部', '不予开放']);
  });
});
