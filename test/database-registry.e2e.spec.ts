import { adminPassword, createDepartmentWithPeople, environment, login, sql, unique, waitFor, type ApiClient } from './support/harness.js';

type Department = Awaited<ReturnType<typeof createDepartmentWithPeople>>;

const attributes = (name: string) => ({
  name,
  description: '流动人口登记、居住证办理与服务管理数据',
  category: 'population',
  dataScale: { records: 1_250_000, volumeGb: 86.5 },
  storageLocation: '市政务云',
  storageSystem: 'PostgreSQL 16',
  contact: { name: '王力', phone: '010-6512 3456', email: 'wangli@example.gov.cn' },
  updateFrequency: 'daily',
  dataSubjects: ['自然人', '房屋'],
});

describe('the database registry (数据库备案、注册、运行、更新、注销)', () => {
  let admin: ApiClient;
  let infoOffice: ApiClient;
  let department: Department;
  let other: Department;

  beforeAll(async () => {
    admin = await login('admin', adminPassword());
    infoOffice = await login('xinxiban.staff');
    department = await createDepartmentWithPeople(admin, 'DBREG');
    other = await createDepartmentWithPeople(admin, 'DBREG-OTHER');
  });

  /** The info office's open review task on the database, once the workflow has opened it. */
  const reviewTask = (databaseId: string) =>
    waitFor(`the review task of ${databaseId}`, async () => {
      const detail = await infoOffice.get(`/databases/${databaseId}`);
      return detail.body.openTasks?.[0]?.id as string | undefined;
    });

  const file = async (by: ApiClient, name = unique('流动人口信息库')) => {
    const filed = await by.post('/databases', attributes(name));
    expect(filed.status).toBe(201);
    return filed.body.id as string;
  };

  const approve = async (databaseId: string) => {
    const done = await infoOffice.post(`/tasks/${await reviewTask(databaseId)}/complete`, { outcome: 'approve', comment: '同意' });
    expect([done.status, done.body.detail]).toEqual([200, undefined]);
    return done.body;
  };

  const catalogIds = async (client: ApiClient) =>
    ((await client.get('/catalog/databases?limit=200')).body.items as { id: string }[]).map((item) => item.id);

  it('files, returns, resubmits, registers, operates, updates and deregisters, filing each approved step', async () => {
    const [staff, head, outsider] = [await department.staff(), await department.head(), await other.staff()];
    const name = unique('流动人口信息库');

    const filed = await staff.post('/databases', attributes(name));
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({
      name,
      departmentId: department.id,
      status: 'filed',
      history: [{ stepNo: 1, step: 'register', round: 1, status: 'in_review', requestedBy: department.people.staff.id }],
    });
    const id = filed.body.id as string;

    // The info office returns the filing with its reasons; a return without reasons is refused.
    const firstTask = await reviewTask(id);
    expect((await infoOffice.get(`/tasks/${firstTask}`)).body).toMatchObject({ kind: 'database_review', assigneeRole: 'info_office', subjectId: id });
    expect((await staff.post(`/tasks/${firstTask}/complete`, { outcome: 'approve' })).status).toBe(404);
    expect((await infoOffice.post(`/tasks/${firstTask}/complete`, { outcome: 'return' })).status).toBe(422);
    const returned = await infoOffice.post(`/tasks/${firstTask}/complete`, { outcome: 'return', comment: '存储位置不具体，请补充机房和区域' });
    expect(returned).toMatchObject({ status: 200, body: { status: 'filed', latest: { step: 'register', round: 1, status: 'returned' } } });
    expect(await catalogIds(outsider)).not.toContain(id);

    // The department resubmits with corrections: round 2 of the same step.
    const resubmitted = await head.post(`/databases/${id}/steps`, { step: 'register', changes: { storageLocation: '市政务云 A 区 3 号机房' }, reason: '已补充存储位置' });
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body.history).toEqual([
      expect.objectContaining({ stepNo: 1, round: 1, status: 'returned', comment: '存储位置不具体，请补充机房和区域' }),
      expect.objectContaining({ stepNo: 1, round: 2, status: 'in_review', changes: { storageLocation: '市政务云 A 区 3 号机房' } }),
    ]);
    expect(await approve(id)).toMatchObject({ status: 'registered', latest: { round: 2, status: 'approved', filingSeq: expect.any(Number) } });

    const registered = (await staff.get(`/databases/${id}`)).body;
    expect(registered).toMatchObject({ status: 'registered', storageLocation: '市政务云 A 区 3 号机房', openTasks: [], registeredAt: expect.any(String) });
    const entry = (await outsider.get('/catalog/databases?limit=200')).body.items.find((item: { id: string }) => item.id === id);
    expect(entry).toMatchObject({ name, departmentId: department.id, departmentName: expect.stringContaining('DBREG'), status: 'registered' });

    // 运行
    expect((await staff.post(`/databases/${id}/steps`, { step: 'update', changes: { storageSystem: 'PostgreSQL 17' } })).status).toBe(409);
    expect((await staff.post(`/databases/${id}/steps`, { step: 'operate' })).status).toBe(200);
    expect(await approve(id)).toMatchObject({ status: 'operating' });

    // 更新: reviewed, and applied only once approved.
    expect((await staff.post(`/databases/${id}/steps`, { step: 'update' })).status).toBe(422);
    const update = await staff.post(`/databases/${id}/steps`, {
      step: 'update',
      changes: { storageSystem: 'PostgreSQL 17', dataScale: { records: 1_300_000, volumeGb: 91 } },
      reason: '升级数据库版本',
    });
    expect(update.status).toBe(200);
    expect((await outsider.get('/catalog/databases?limit=200')).body.items.find((item: { id: string }) => item.id === id)).toMatchObject({
      storageSystem: 'PostgreSQL 16',
    });
    expect(await approve(id)).toMatchObject({ status: 'operating' });
    const updatedEntry = (await outsider.get(`/catalog/databases?q=${encodeURIComponent(name)}`)).body;
    expect(updatedEntry).toMatchObject({ total: 1, items: [{ id, status: 'operating', storageSystem: 'PostgreSQL 17', dataScale: { records: 1_300_000, volumeGb: 91 } }] });

    // 注销 takes it out of the catalog, and nothing follows it.
    expect((await staff.post(`/databases/${id}/steps`, { step: 'deregister' })).status).toBe(422);
    expect((await staff.post(`/databases/${id}/steps`, { step: 'deregister', reason: '并入市人口基础信息库' })).status).toBe(200);
    expect(await approve(id)).toMatchObject({ status: 'deregistered' });
    expect(await catalogIds(outsider)).not.toContain(id);
    const ended = await staff.post(`/databases/${id}/steps`, { step: 'operate' });
    expect(ended.status).toBe(409);
    expect(ended.contentType).toContain('application/problem+json');

    // Every approved step, and only those, was filed with the info office, and the chain holds.
    const final = (await staff.get(`/databases/${id}`)).body;
    expect(final.history.map((r: { step: string; round: number; status: string }) => `${r.step}#${r.round}:${r.status}`)).toEqual([
      'register#1:returned',
      'register#2:approved',
      'operate#1:approved',
      'update#1:approved',
      'deregister#1:approved',
    ]);
    const filings = (await staff.get(`/filings?subjectType=government_database&subjectId=${id}`)).body.items;
    expect(filings.map((f: { kind: string; authority: string }) => `${f.kind}@${f.authority}`)).toEqual([
      'database.registered@info_office',
      'database.operating@info_office',
      'database.updated@info_office',
      'database.deregistered@info_office',
    ]);
    expect(filings.map((f: { seq: number }) => f.seq)).toEqual(final.history.filter((r: { filingSeq?: number }) => r.filingSeq).map((r: { filingSeq: number }) => r.filingSeq));
    expect(filings[2].payload).toMatchObject({ step: 'update', changes: { storageSystem: 'PostgreSQL 17' }, database: { storageSystem: 'PostgreSQL 17', status: 'operating' } });
    expect((await admin.get('/filings/verify')).body).toMatchObject({ ok: true });
  });

  it('refuses a step the status does not allow, and a second request while one is in review', async () => {
    const staff = await department.staff();
    const id = await file(staff);
    for (const step of ['operate', 'update', 'deregister', 'register']) {
      const refused = await staff.post(`/databases/${id}/steps`, { step, changes: step === 'update' ? { name: 'x' } : undefined, reason: '测试' });
      expect({ step, status: refused.status }).toEqual({ step, status: 409 });
    }
    await approve(id);

    // Two requests at once: the workflow takes one, and the other is refused without leaving a trace.
    const head = await department.head();
    const results = await Promise.all([staff.post(`/databases/${id}/steps`, { step: 'operate' }), head.post(`/databases/${id}/steps`, { step: 'operate' })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await staff.get(`/databases/${id}`)).body.history.filter((r: { step: string }) => r.step === 'operate')).toHaveLength(1);
  });

  it('hides a database from other departments and lets none of them act on it', async () => {
    const id = await file(await department.staff());
    const outsider = await other.head();
    expect((await outsider.get(`/databases/${id}`)).status).toBe(404);
    expect((await outsider.get(`/databases/${id}/document`)).status).toBe(404);
    expect((await outsider.post(`/databases/${id}/steps`, { step: 'register' })).status).toBe(404);
    expect((await outsider.get(`/databases?departmentId=${department.id}`)).body).toEqual({ items: [], total: 0 });
    expect((await outsider.post(`/tasks/${await reviewTask(id)}/complete`, { outcome: 'approve' })).status).toBe(404);

    // The coordinating and supervising bodies see it, but only the department requests its steps.
    expect((await (await login('kaohe.supervisor')).get(`/databases/${id}`)).status).toBe(200);
    expect((await infoOffice.post(`/databases/${id}/steps`, { step: 'register' })).status).toBe(403);
    expect((await infoOffice.post('/databases', attributes(unique('信息办数据库')))).status).toBe(403);
    const listed = (await infoOffice.get(`/databases?departmentId=${department.id}&status=filed`)).body;
    expect(listed.items.map((item: { id: string }) => item.id)).toContain(id);
    expect((await (await department.staff()).get('/databases')).body.items.every((item: { departmentId: string }) => item.departmentId === department.id)).toBe(true);
  });

  it('answers bad input with problem+json and changes nothing', async () => {
    const staff = await department.staff();
    const count = async () => (await sql<{ n: number }>('select (select count(*) from government_database)::int + (select count(*) from government_database_step)::int as n'))[0]!.n;
    const before = await count();

    const missing = await staff.post('/databases', { name: '缺少字段的数据库' });
    expect(missing).toMatchObject({ status: 400, contentType: expect.stringContaining('application/problem+json') });
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['category', 'dataScale', 'contact']));
    expect((await staff.post('/databases', { ...attributes('负数规模'), dataScale: { records: -1, volumeGb: 1 } })).status).toBe(400);
    const business = await staff.post('/databases', { ...attributes('业务库'), category: 'business' });
    expect(business).toMatchObject({ status: 422, body: { errors: [{ field: 'businessArea' }] } });

    const id = await file(staff);
    const afterFiling = await count();
    expect(afterFiling).toBe(before + 2);
    expect((await staff.post(`/databases/${id}/steps`, { step: 'retire' })).status).toBe(400);
    expect((await staff.post(`/databases/${id}/steps`, { step: 'register', changes: { status: 'registered' } })).status).toBe(400);
    expect((await staff.post('/databases/not-a-uuid/steps', { step: 'operate' })).status).toBe(400);
    expect(await count()).toBe(afterFiling);
  });

  it('renders the registration form as HTML, escaping what the department wrote', async () => {
    const staff = await department.staff();
    const id = await file(staff, unique('<script>alert(1)</script>人口库'));
    const form = await staff.get(`/databases/${id}/document`);
    expect(form.status).toBe(200);
    expect(form.contentType).toContain('text/html');
    expect(form.body).toContain('政务信息数据库备案登记表');
    expect(form.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;人口库');
    expect(form.body).not.toContain('<script>');
    expect(form.body).toContain('市政务云');
    expect(form.body).toContain('审核中');
  });

  it('documents its routes and request bodies in OpenAPI', async () => {
    const document = (await (await fetch(new URL('/api/docs-json', environment.apiUrl))).json()) as { paths: Record<string, any>; components: { schemas: Record<string, any> } };
    // Bodies are named component schemas: follow the reference.
    const resolve = (schema: { $ref?: string }) => (schema.$ref ? document.components.schemas[schema.$ref.split('/').pop()!] : schema);
    const body = (path: string) => resolve(document.paths[path].post.requestBody.content['application/json'].schema);
    expect(body('/api/v1/databases').required).toEqual(expect.arrayContaining(['name', 'category', 'dataScale', 'contact', 'dataSubjects']));
    expect(body('/api/v1/databases/{id}/steps').properties.step.enum).toEqual(['register', 'operate', 'update', 'deregister']);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/v1/databases/{id}', '/api/v1/databases/{id}/document', '/api/v1/catalog/databases']),
    );
  });
});
