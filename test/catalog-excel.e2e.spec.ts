import ExcelJS from 'exceljs';
import { adminPassword, anonymous, createDepartmentWithPeople, environment, login, sql, unique, type ApiClient } from './support/harness.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function upload(client: ApiClient, file: Uint8Array, options: { field?: string; filename?: string } = {}) {
  const form = new FormData();
  form.append(options.field ?? 'file', new Blob([file], { type: XLSX }), options.filename ?? '数据提供调查表.xlsx');
  const response = await fetch(`${environment.apiUrl}/catalog/imports`, {
    method: 'POST',
    headers: client.token ? { authorization: `Bearer ${client.token}` } : {},
    body: form,
  });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  return { status: response.status, contentType, body: contentType.includes('json') ? JSON.parse(text) : text };
}

async function download(client: ApiClient, path: string) {
  const response = await fetch(`${environment.apiUrl}${path}`, { headers: { authorization: `Bearer ${client.token}` } });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    disposition: response.headers.get('content-disposition') ?? '',
    totalCount: response.headers.get('x-total-count'),
    body: Buffer.from(await response.arrayBuffer()),
  };
}

async function workbookOf(data: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(data).buffer);
  return workbook;
}

type Cell = string | number | null;

/** A sheet as a department would type it into the documented layout (written by hand, not by the platform). */
function addForm(workbook: ExcelJS.Workbook, name: string, fields: Record<string, Cell>, items: Cell[][]) {
  const sheet = workbook.addWorksheet(name);
  sheet.getCell('A1').value = '数据提供调查表';
  Object.entries(fields).forEach(([label, value], index) => {
    sheet.getCell(2 + index, 1).value = label;
    sheet.getCell(2 + index, 2).value = value;
  });
  sheet.getRow(13).values = ['序号', '字段名称', '字段描述', '数据类型', '数据长度', '计量单位', '开放属性'];
  items.forEach((item, index) => (sheet.getRow(14 + index).values = [index + 1, ...item]));
}

const populationName = unique('常住人口基本信息');
const enterpriseName = unique('企业登记信息');
const rejectedName = unique('涉密档案目录');

/** A resource's rows of the form, as a department fills them; the sheets below change a few. */
const POPULATION: Record<string, Cell> = {
  信息资源名称: populationName,
  信息资源摘要: '本市常住人口的户籍、居住与身份核验信息。',
  所属目录: '基础信息共享目录',
  信息资源分类: '人口/基本信息',
  共享类型: '有条件共享',
  不予共享依据: null,
  共享方式: '接口、文件',
  开放属性: '仅政务内部',
  更新周期: '每日',
  是否涉密: '否',
};

async function departmentForm(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  addForm(workbook, '人口', POPULATION, [
    ['公民身份号码', '18位身份证号', '字符型', 18, null, '不予开放'],
    ['姓名', '户籍登记姓名', '字符型', 50, null, '仅政务内部'],
    ['出生日期', null, '日期时间型', null, null, '部分开放'],
  ]);
  addForm(
    workbook,
    '法人',
    { ...POPULATION, 信息资源名称: enterpriseName, 信息资源摘要: '市场主体登记注册信息。', 所属目录: '应用信息共享目录', 信息资源分类: '法人/登记', 共享类型: '无条件共享', 共享方式: '库表同步', 开放属性: '向社会开放', 更新周期: '实时' },
    [
      ['统一社会信用代码', null, '字符型', 18, null, '向社会开放'],
      ['注册资本', '认缴', '数值型', 18, '万元', '向社会开放'],
      ['从业人数', null, '整数型', null, '人', '部分开放'],
    ],
  );
  addForm(
    workbook,
    '坏表',
    { ...POPULATION, 信息资源名称: rejectedName, 所属目录: '数据库管理目录', 共享类型: '不予共享', 共享方式: null, 开放属性: '不予开放', 是否涉密: '是' },
    [
      ['档号', null, '字符型', 30, null, '不予开放'],
      ['题名', null, '文本型', 200, null, '不予开放'],
      [null, '扫描件', '二进制', null, null, '不予开放'],
    ],
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const METADATA = ['name', 'abstract', 'catalog', 'classification', 'sharingType', 'notShareableBasis', 'sharingMethods', 'openScope', 'updateFrequency', 'confidential', 'dataItems'] as const;
const metadataOf = (resource: Record<string, unknown>) => Object.fromEntries(METADATA.map((key) => [key, resource[key]]));

describe('the catalog’s Excel forms (数据提供调查表)', () => {
  let provider: Awaited<ReturnType<typeof createDepartmentWithPeople>>;
  let providerStaff: ApiClient;
  let report: Awaited<ReturnType<typeof upload>>;

  beforeAll(async () => {
    const admin = await login('admin', adminPassword());
    provider = await createDepartmentWithPeople(admin, 'XLS');
    providerStaff = await provider.staff();
    report = await upload(providerStaff, await departmentForm());
  });

  it('creates a draft for each valid sheet and rejects the sheet with a bad row, naming the rows and reasons', async () => {
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({
      created: 2,
      rejected: 1,
      skipped: 0,
      sheets: [
        { sheet: '人口', status: 'created', name: populationName, dataItemCount: 3, identifier: expect.stringMatching(new RegExp(`^JC-${provider.code}/\\d{6}$`)) },
        { sheet: '法人', status: 'created', name: enterpriseName, dataItemCount: 3, identifier: expect.stringMatching(new RegExp(`^YY-${provider.code}/\\d{6}$`)) },
        { sheet: '坏表', status: 'rejected' },
      ],
    });
    expect(report.body.sheets[2].problems).toEqual([
      { sheet: '坏表', row: 7, column: '不予共享依据', cell: 'B7', field: 'notShareableBasis', message: expect.stringContaining('legal basis') },
      { sheet: '坏表', row: 15, column: '数据类型', cell: 'D15', field: 'dataItems.1.dataType', message: expect.stringContaining("unknown value '文本型'") },
      { sheet: '坏表', row: 16, column: '字段名称', cell: 'B16', field: 'dataItems.2.name', message: 'is required' },
    ]);
    const rejected = await sql('select count(*)::int as n from catalog_resource_version where name = $1', [rejectedName]);
    expect(rejected).toEqual([{ n: 0 }]);
  });

  it('shows the created drafts with their items, mapped from the form’s words', async () => {
    const [population, enterprise] = await Promise.all(report.body.sheets.slice(0, 2).map((sheet: { resourceId: string }) => providerStaff.get(`/catalog/resources/${sheet.resourceId}`)));
    expect(population!.body).toMatchObject({
      status: 'draft',
      providerDepartmentId: provider.id,
      name: populationName,
      catalog: 'base',
      sharingType: 'conditional',
      sharingMethods: ['api', 'file'],
      openScope: 'internal',
      updateFrequency: 'daily',
      confidential: false,
      dataItems: [
        { name: '公民身份号码', description: '18位身份证号', dataType: 'string', length: 18, openScope: 'not_public' },
        { name: '姓名', description: '户籍登记姓名', dataType: 'string', length: 50, openScope: 'internal' },
        { name: '出生日期', description: '', dataType: 'datetime', openScope: 'partly_public' },
      ],
    });
    expect(enterprise!.body).toMatchObject({
      catalog: 'application',
      sharingType: 'unconditional',
      sharingMethods: ['table_sync'],
      openScope: 'public',
      updateFrequency: 'realtime',
      dataItems: [
        { name: '统一社会信用代码', dataType: 'string', length: 18, openScope: 'public' },
        { name: '注册资本', description: '认缴', dataType: 'numeric', length: 18, unit: '万元', openScope: 'public' },
        { name: '从业人数', dataType: 'integer', unit: '人', openScope: 'partly_public' },
      ],
    });
  });

  it('exports what the caller may see in the form’s shape, and the export imports back as the same resources', async () => {
    const exported = await download(providerStaff, `/catalog/exports/resources?providerDepartmentId=${provider.id}`);
    expect(exported).toMatchObject({ status: 200, contentType: XLSX, totalCount: '2' });
    expect(exported.disposition).toMatch(/^attachment; filename="catalog-resources\.xlsx"; filename\*=UTF-8''/);
    const workbook = await workbookOf(exported.body);
    expect(workbook.worksheets.map((sheet) => sheet.name).sort()).toEqual([populationName, enterpriseName].sort());
    const sheet = workbook.getWorksheet(populationName)!;
    expect(sheet.getCell('A1').text).toContain(report.body.sheets[0].identifier);
    expect([sheet.getCell('A5').text, sheet.getCell('B5').text]).toEqual(['信息资源分类', '人口/基本信息']);

    const reimported = await upload(providerStaff, exported.body);
    expect(reimported.body).toMatchObject({ created: 2, rejected: 0, skipped: 0 });
    const originals = await Promise.all(report.body.sheets.slice(0, 2).map((s: { resourceId: string }) => providerStaff.get(`/catalog/resources/${s.resourceId}`)));
    const copies = await Promise.all(reimported.body.sheets.map((s: { resourceId: string }) => providerStaff.get(`/catalog/resources/${s.resourceId}`)));
    const byName = (responses: { body: Record<string, unknown> }[]) => responses.map((r) => metadataOf(r.body)).sort((a, b) => String(a.name).localeCompare(String(b.name)));
    expect(byName(copies)).toEqual(byName(originals));

    // Another department sees none of these drafts, so its export of them is the blank form.
    const outsider = await login('minzheng.staff');
    const outsiders = await download(outsider, `/catalog/exports/resources?providerDepartmentId=${provider.id}`);
    expect(outsiders).toMatchObject({ status: 200, totalCount: '0' });
    expect((await workbookOf(outsiders.body)).worksheets.map((s) => s.name)).toEqual(['信息资源1']);
    expect((await download(providerStaff, '/catalog/exports/resources?limit=201')).status).toBe(400);
  });

  it('serves the template: the blank form, which imports as a blank sheet and creates nothing', async () => {
    const template = await download(providerStaff, '/catalog/imports/template');
    expect(template).toMatchObject({ status: 200, contentType: XLSX });
    const sheet = (await workbookOf(template.body)).worksheets[0]!;
    expect([sheet.getCell('A1').text, sheet.getCell('A2').text, sheet.getCell('B2').text, sheet.getCell('B13').text]).toEqual(['数据提供调查表', '信息资源名称', '', '字段名称']);
    const before = await sql('select count(*)::int as n from catalog_resource where provider_department_id = $1', [provider.id]);
    const imported = await upload(providerStaff, template.body);
    expect(imported).toMatchObject({ status: 200, body: { created: 0, rejected: 0, skipped: 1, sheets: [{ sheet: '信息资源1', status: 'skipped', reason: 'the form is blank' }] } });
    expect(await sql('select count(*)::int as n from catalog_resource where provider_department_id = $1', [provider.id])).toEqual(before);
  });

  it('answers 400 problem+json for what is not a readable .xlsx, 413 over 5 MB, 403/401 for who may not import', async () => {
    const notXlsx = await upload(providerStaff, Buffer.from('名称,类型\n人口,字符型\n'), { filename: 'form.csv' });
    expect(notXlsx).toMatchObject({ status: 400, contentType: expect.stringContaining('application/problem+json'), body: { detail: 'the file is not an .xlsx workbook' } });
    const brokenZip = await upload(providerStaff, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64)]));
    expect(brokenZip).toMatchObject({ status: 400, body: { detail: expect.stringContaining('cannot be read') } });
    expect((await providerStaff.post('/catalog/imports', {})).status).toBe(400);
    expect((await upload(providerStaff, await departmentForm(), { field: 'upload' })).status).toBe(400);
    expect((await upload(providerStaff, Buffer.alloc(5 * 1024 * 1024 + 1))).status).toBe(413);

    const infoOffice = await login('xinxiban.staff');
    expect((await upload(infoOffice, await departmentForm())).status).toBe(403);
    expect((await upload(anonymous, await departmentForm())).status).toBe(401);
  });
});
