import { randomUUID } from 'node:crypto';
import { publishResource } from './support/catalog.js';
import { adminPassword, anonymous, createDepartmentWithPeople, login, unique, waitFor, type ApiClient } from './support/harness.js';

type Department = Awaited<ReturnType<typeof createDepartmentWithPeople>>;

/** An item name of this run only, in Chinese characters so that it reads like one. */
function itemName(base: string): string {
  return base + [...unique('').replace(/\W/g, '')].map((c) => '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地玄黄宇宙洪荒日月盈昃星宿列张'[parseInt(c, 36)]).join('');
}

function declaration(items: string[], overrides: Record<string, unknown> = {}) {
  return {
    subject: `${items[0]}等信息采集`,
    description: '办理登记业务时采集的基础信息。',
    dataItems: items.map((name) => ({ name, description: '', dataType: 'string', length: 64 })),
    legalBasis: '《中华人民共和国市场主体登记管理条例》',
    standard: 'GB 32100-2015',
    frequency: 'realtime',
    ...overrides,
  };
}

describe('collection-responsibility registration (一数一源)', () => {
  let infoOffice: ApiClient;
  let statistics: ApiClient;
  let declarer: Department;
  let declarerStaff: ApiClient;
  let provider: Department;
  let providerStaff: ApiClient;

  beforeAll(async () => {
    const admin = await login('admin', adminPassword());
    infoOffice = await login('xinxiban.staff');
    statistics = await login('tongji.reviewer');
    declarer = await createDepartmentWithPeople(admin, 'COLL');
    declarerStaff = await declarer.staff();
    provider = await createDepartmentWithPeople(admin, 'COLLSRC');
    providerStaff = await provider.staff();
  });

  /** Declares a collection and waits until both reviews are open; returns the registration and its task ids by role. */
  async function declareAndAwaitReview(declarant: ApiClient, items: string[]) {
    const created = await declarant.post('/collections', declaration(items));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'submitted', candidates: [], openTasks: [] });
    const registration = await waitFor('both reviews to open', async () => {
      const { body } = await declarant.get(`/collections/${created.body.id}`);
      return body.openTasks?.length === 2 ? body : undefined;
    });
    const taskOf = (role: string) => registration.openTasks.find((task: { assigneeRole: string }) => task.assigneeRole === role).id as string;
    return { registration, id: created.body.id as string, statisticsTask: taskOf('statistics_bureau'), infoOfficeTask: taskOf('info_office') };
  }

  async function filingsOf(id: string) {
    return (await infoOffice.get(`/filings?subjectType=collection_registration&subjectId=${id}`)).body.items;
  }

  it('flags a registration whose item a published resource holds, and ends it as a duplicate of that resource', async () => {
    const shared = itemName('市场主体统一编码');
    const { id: resourceId } = await publishResource(providerStaff, infoOffice, {
      dataItems: [{ name: shared, description: '', dataType: 'string', openScope: 'internal' }],
    });

    const { registration, id, statisticsTask, infoOfficeTask } = await declareAndAwaitReview(declarerStaff, [shared, itemName('经营异常标记')]);
    expect(registration).toMatchObject({ status: 'in_review', departmentId: declarer.id });
    expect(registration.openTasks).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'collection_review', assigneeRole: 'statistics_bureau' })]),
    );
    expect(registration.candidates).toEqual([
      {
        sourceType: 'catalog_resource',
        sourceId: resourceId,
        name: expect.any(String),
        departmentId: provider.id,
        departmentName: expect.stringContaining(provider.code),
        score: 0.5,
        matchedItems: [{ item: shared, matched: shared, similarity: 1 }],
      },
    ]);

    for (const payload of [undefined, { of: randomUUID() }, { of: 'not-an-id' }, { of: id }]) {
      const refused = await statistics.post(`/tasks/${statisticsTask}/complete`, { outcome: 'duplicate', ...(payload ? { payload } : {}) });
      expect(refused.status).toBe(422);
    }
    const decided = await statistics.post(`/tasks/${statisticsTask}/complete`, { outcome: 'duplicate', payload: { of: resourceId }, comment: '已由该部门采集' });
    expect(decided).toMatchObject({ status: 200, body: { registrationId: id, status: 'duplicate' } });

    const ended = (await declarerStaff.get(`/collections/${id}`)).body;
    expect(ended).toMatchObject({
      status: 'duplicate',
      openTasks: [],
      decision: {
        status: 'duplicate',
        comment: '已由该部门采集',
        duplicateOf: { type: 'catalog_resource', id: resourceId, departmentId: provider.id },
        recommendation: expect.stringContaining('共享申请'),
      },
    });
    expect(ended.outcomes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ taskId: statisticsTask, status: 'done', outcome: 'duplicate', payload: { of: resourceId } }),
        expect.objectContaining({ taskId: infoOfficeTask, status: 'cancelled' }),
      ]),
    );
    expect((await infoOffice.post(`/tasks/${infoOfficeTask}/complete`, { outcome: 'approve' })).status).toBe(409);

    expect(await filingsOf(id)).toEqual([
      expect.objectContaining({
        kind: 'collection.duplicate',
        authority: 'info_office',
        departmentIds: [declarer.id],
        payload: expect.objectContaining({
          candidates: [expect.objectContaining({ sourceId: resourceId, score: 0.5 })],
          duplicateOf: expect.objectContaining({ id: resourceId }),
          reviewer: expect.objectContaining({ role: 'statistics_bureau' }),
        }),
      }),
    ]);
    expect((await infoOffice.get('/filings/verify')).body.ok).toBe(true);
    await waitFor('the declaring department to be told', async () => {
      const items = (await declarerStaff.get('/notifications?limit=200')).body.items as { template: string; link: string }[];
      return items.some((n) => n.template === 'collection-decision' && n.link.endsWith(`/collections/${id}`));
    });
  });

  it('has both reviewers approve a registration nothing else holds, and publishes it in the collection-responsibility catalog', async () => {
    const items = [itemName('冷链食品追溯码'), itemName('入库时间')];
    const { registration, id, statisticsTask, infoOfficeTask } = await declareAndAwaitReview(declarerStaff, items);
    expect(registration.candidates).toEqual([]);
    expect((await anonymous.get(`/public/collections?q=${encodeURIComponent(items[0]!)}`)).body.total).toBe(0);

    const first = await statistics.post(`/tasks/${statisticsTask}/complete`, { outcome: 'approve' });
    expect(first).toMatchObject({ status: 200, body: { status: 'in_review', approvedBy: [{ role: 'statistics_bureau' }] } });
    const second = await infoOffice.post(`/tasks/${infoOfficeTask}/complete`, { outcome: 'approve' });
    expect(second).toMatchObject({ status: 200, body: { status: 'approved' } });
    expect((await declarerStaff.get(`/collections/${id}`)).body).toMatchObject({ status: 'approved', openTasks: [], decision: { status: 'approved' } });

    const published = await anonymous.get(`/public/collections?q=${encodeURIComponent(items[1]!.slice(0, 4))}`);
    expect(published).toMatchObject({ status: 200, body: { total: 1 } });
    expect(published.body.items[0]).toEqual({
      id,
      subject: `${items[0]}等信息采集`,
      description: '办理登记业务时采集的基础信息。',
      dataItems: items.map((name) => ({ name, description: '', dataType: 'string', length: 64 })),
      responsibleDepartment: { id: declarer.id, name: expect.stringContaining(declarer.code) },
      standard: 'GB 32100-2015',
      frequency: 'realtime',
      legalBasis: '《中华人民共和国市场主体登记管理条例》',
      approvedAt: expect.any(String),
    });
    const filings = await filingsOf(id);
    expect(filings.map((f: { kind: string }) => f.kind)).toEqual(['collection.approved']);
    expect(filings[0].payload.reviewers.map((r: { role: string }) => r.role)).toEqual(['statistics_bureau', 'info_office']);
    expect((await infoOffice.get('/filings/verify')).body.ok).toBe(true);
  });

  it('matches approved registrations, requires reasons to reject, and shows a registration only to its department and reviewers', async () => {
    const items = [itemName('排污许可证编号')];
    const source = await declareAndAwaitReview(providerStaff, items);
    await statistics.post(`/tasks/${source.statisticsTask}/complete`, { outcome: 'approve' });
    await infoOffice.post(`/tasks/${source.infoOfficeTask}/complete`, { outcome: 'approve' });

    const { registration, id, statisticsTask, infoOfficeTask } = await declareAndAwaitReview(declarerStaff, items);
    expect(registration.candidates).toEqual([
      expect.objectContaining({ sourceType: 'collection_registration', sourceId: source.id, departmentId: provider.id, score: 1 }),
    ]);

    const outsider = await login('minzheng.staff');
    expect((await outsider.get(`/collections/${id}`)).status).toBe(404);
    expect((await outsider.get('/collections?limit=200')).body.items.map((r: { id: string }) => r.id)).not.toContain(id);
    expect((await statistics.get(`/collections/${id}`)).status).toBe(200);
    expect((await (await login('kaohe.supervisor')).get(`/collections/${id}`)).status).toBe(200);
    const own = (await declarerStaff.get(`/collections?status=in_review&q=${encodeURIComponent(items[0]!)}`)).body;
    expect(own).toEqual({ total: 1, items: [expect.objectContaining({ id, status: 'in_review' })] });

    expect((await infoOffice.post(`/tasks/${infoOfficeTask}/complete`, { outcome: 'reject' })).status).toBe(422);
    expect((await infoOffice.post(`/tasks/${infoOfficeTask}/complete`, { outcome: 'reject', comment: '  ' })).status).toBe(422);
    const rejected = await infoOffice.post(`/tasks/${infoOfficeTask}/complete`, { outcome: 'reject', comment: '采集依据不足' });
    expect(rejected).toMatchObject({ status: 200, body: { status: 'rejected' } });
    const ended = (await declarerStaff.get(`/collections/${id}`)).body;
    expect(ended).toMatchObject({ status: 'rejected', openTasks: [], decision: { status: 'rejected', reasons: '采集依据不足' } });
    expect(ended.outcomes).toEqual(expect.arrayContaining([expect.objectContaining({ taskId: statisticsTask, status: 'cancelled' })]));
    expect(await filingsOf(id)).toEqual([
      expect.objectContaining({ kind: 'collection.rejected', payload: expect.objectContaining({ reasons: '采集依据不足', candidates: [expect.objectContaining({ sourceId: source.id })] }) }),
    ]);
    expect((await infoOffice.get('/filings/verify')).body.ok).toBe(true);
  });

  it('decides once when both reviewers answer at the same moment', async () => {
    const { id, statisticsTask, infoOfficeTask } = await declareAndAwaitReview(declarerStaff, [itemName('危险化学品登记号')]);
    const answers = await Promise.all([
      statistics.post(`/tasks/${statisticsTask}/complete`, { outcome: 'reject', comment: '与现有采集重复' }),
      infoOffice.post(`/tasks/${infoOfficeTask}/complete`, { outcome: 'approve' }),
    ]);
    // Even when both completions arrive in one activation, the rejecting reviewer's answer shows the rejection.
    expect(answers[0]).toMatchObject({ status: 200, body: { status: 'rejected' } });
    // The approval lands before the rejection, or is refused once the task is cancelled, or was accepted just before.
    expect([200, 409]).toContain(answers[1]!.status);
    const decided = await waitFor('the rejection', async () => {
      const view = (await declarerStaff.get(`/collections/${id}`)).body;
      return view.status === 'rejected' ? view : undefined;
    });
    expect(decided).toMatchObject({ status: 'rejected', openTasks: [] });
    expect((await filingsOf(id)).map((f: { kind: string }) => f.kind)).toEqual(['collection.rejected']);
  });

  it('takes declarations from a department’s staff only, well-formed and with distinct items', async () => {
    expect((await infoOffice.post('/collections', declaration([itemName('企业名称')]))).status).toBe(403);
    expect((await declarerStaff.post('/collections', declaration([]))).status).toBe(400);
    expect((await declarerStaff.post('/collections', declaration(['企业名称'], { frequency: 'sometimes' }))).status).toBe(400);
    const repeated = await declarerStaff.post('/collections', declaration(['企业名称', '企业名称']));
    expect(repeated.status).toBe(422);
    expect(repeated.body.errors).toEqual([expect.objectContaining({ field: 'dataItems.1.name' })]);
    expect((await anonymous.get('/collections')).status).toBe(401);
  });
});
