import { publishResource } from './support/catalog.js';
import { adminPassword, createDepartmentWithPeople, environment, login, temporalClient, waitFor, type ApiClient } from './support/harness.js';

type Department = Awaited<ReturnType<typeof createDepartmentWithPeople>>;

describe('after sharing', () => {
  let admin: ApiClient;
  let infoOffice: ApiClient;
  let provider: Department;
  let requester: Department;
  let other: Department;
  let providerStaff: ApiClient;
  let requesterStaff: ApiClient;
  let otherStaff: ApiClient;
  let requestId: string;

  beforeAll(async () => {
    admin = await login('admin', adminPassword());
    infoOffice = await login('xinxiban.staff');
    provider = await createDepartmentWithPeople(admin, 'AFTP');
    requester = await createDepartmentWithPeople(admin, 'AFTR');
    other = await createDepartmentWithPeople(admin, 'AFTO');
    providerStaff = await provider.staff();
    requesterStaff = await requester.staff();
    otherStaff = await other.staff();
    const resource = await publishResource(providerStaff, infoOffice, { sharingType: 'unconditional' });
    const applied = await requesterStaff.post('/sharing-requests', {
      resourceId: resource.id,
      dataItems: ['公民身份号码', '姓名'],
      purpose: 'data_verification',
      purposeDetail: '办理低保申请时核验申请人身份',
      scope: '本部门低保审核科室',
      method: 'api',
    });
    expect(applied.status).toBe(201);
    expect(applied.body.status).toBe('granted');
    requestId = applied.body.id;
    const view = (await requesterStaff.get(`/sharing-requests/${requestId}`)).body;
    expect(view.grant.status).toBe('active');
  });

  async function openTask(client: ApiClient, kind: string, match: (task: { title: string }) => boolean = () => true) {
    return waitFor(`a ${kind} task`, async () => {
      const items = (await client.get(`/tasks?kind=${kind}&limit=200`)).body.items as { id: string; subjectId: string; title: string; status: string }[];
      return items.find((task) => task.subjectId === requestId && task.status !== 'completed' && match(task));
    });
  }

  async function filingKinds() {
    const kinds = (await infoOffice.get(`/filings?subjectType=sharing_request&subjectId=${requestId}&limit=200`)).body.items.map((f: { kind: string }) => f.kind);
    expect((await infoOffice.get('/filings/verify')).body.ok).toBe(true);
    return kinds as string[];
  }

  it('has the provider verify an objection to the data, files the outcome and tells the requester', async () => {
    const raised = await requesterStaff.post(`/sharing-requests/${requestId}/objections`, { items: ['姓名'], description: '部分姓名与户籍登记不一致' });
    expect(raised.status).toBe(201);
    expect(raised.body).toMatchObject({ items: ['姓名'], status: 'awaiting_verification' });

    const task = await openTask(providerStaff, 'objection_verification');
    expect((await providerStaff.post(`/tasks/${task.id}/complete`, { outcome: 'confirmed_corrected' })).status).toBe(422);
    expect((await providerStaff.post(`/tasks/${task.id}/complete`, { outcome: 'confirmed_corrected', comment: '已按户籍库更正 12 条姓名记录' })).status).toBe(200);

    const listed = await waitFor('the objection to be verified', async () => {
      const items = (await requesterStaff.get(`/sharing-requests/${requestId}/objections`)).body.items as { id: string; status: string }[];
      return items.find((o) => o.id === raised.body.id && o.status === 'verified');
    });
    expect(listed).toMatchObject({ outcome: 'confirmed_corrected', outcomeComment: '已按户籍库更正 12 条姓名记录' });
    expect(await filingKinds()).toContain('objection.verified');
    await waitFor('the requester to be told', async () =>
      ((await requesterStaff.get('/notifications')).body.items as { template: string }[]).some((n) => n.template === 'objection-verified'),
    );
  });

  it('refuses an objection to items not granted, and hides the request from other departments', async () => {
    expect((await requesterStaff.post(`/sharing-requests/${requestId}/objections`, { items: ['户籍所在地行政区划代码'], description: '有误' })).status).toBe(422);
    expect((await requesterStaff.post(`/sharing-requests/${requestId}/objections`, { items: [], description: '有误' })).status).toBe(400);
    expect((await providerStaff.post(`/sharing-requests/${requestId}/objections`, { items: ['姓名'], description: '有误' })).status).toBe(403);
    expect((await otherStaff.post(`/sharing-requests/${requestId}/objections`, { items: ['姓名'], description: '有误' })).status).toBe(404);
    expect((await otherStaff.get(`/sharing-requests/${requestId}/objections`)).status).toBe(404);
  });

  it('stores and files effect feedback and tells the provider', async () => {
    expect((await requesterStaff.post(`/sharing-requests/${requestId}/feedback`, { rating: 9, effect: '很好' })).status).toBe(400);
    expect((await otherStaff.post(`/sharing-requests/${requestId}/feedback`, { rating: 4, effect: '很好' })).status).toBe(404);
    expect((await otherStaff.get(`/sharing-requests/${requestId}/feedback`)).status).toBe(404);
    const given = await requesterStaff.post(`/sharing-requests/${requestId}/feedback`, { rating: 4, effect: '低保审核核验时间缩短一半', problems: '接口偶有超时' });
    expect(given.status).toBe(201);
    const listed = (await providerStaff.get(`/sharing-requests/${requestId}/feedback`)).body.items;
    expect(listed).toEqual([expect.objectContaining({ id: given.body.id, rating: 4, effect: '低保审核核验时间缩短一半', problems: '接口偶有超时' })]);
    expect(await filingKinds()).toContain('sharing.feedback');
    await waitFor('the provider to be told', async () =>
      ((await providerStaff.get('/notifications')).body.items as { template: string }[]).some((n) => n.template === 'sharing-feedback'),
    );
  });

  it('asks both sides for their period reports once a request is granted, and files them', async () => {
    const previous = ((await admin.get('/policies')).body as { key: string; value: string }[]).find((p) => p.key === 'sharing.reportingPeriod')!.value;
    expect((await admin.put('/policies/sharing.reportingPeriod', { value: 'PT2S' })).status).toBe(200);
    const { client, close } = await temporalClient();
    try {
      // The sharing workflow starts the grant's reporting workflow itself when it grants.
      const resource = await publishResource(providerStaff, infoOffice, { sharingType: 'unconditional' });
      const applied = await requesterStaff.post('/sharing-requests', {
        resourceId: resource.id,
        dataItems: ['姓名'],
        purpose: 'work_reference',
        purposeDetail: '统计分析',
        scope: '本部门',
        method: 'file',
      });
      requestId = applied.body.id;
      const reportingGrant = (await requesterStaff.get(`/sharing-requests/${requestId}`)).body.grant.id as string;
      const reporting = await waitFor('the reporting workflow', async () =>
        (await client.workflow.getHandle(`grant-reports-${reportingGrant}`).describe().catch(() => undefined))?.taskQueue === environment.env.TEMPORAL_TASK_QUEUE,
      );
      expect(reporting).toBe(true);

      const usage = await openTask(requesterStaff, 'usage_report', (task) => task.title.includes('使用情况'));
      const provision = await openTask(providerStaff, 'usage_report', (task) => task.title.includes('提供情况'));
      expect((await admin.put('/policies/sharing.reportingPeriod', { value: previous })).status).toBe(200);
      expect((await requesterStaff.post(`/tasks/${usage.id}/complete`, { outcome: 'submit', payload: {} })).status).toBe(422);
      expect((await requesterStaff.post(`/tasks/${usage.id}/complete`, { outcome: 'submit', payload: { summary: '本季度核验 3200 次' } })).status).toBe(200);
      expect((await providerStaff.post(`/tasks/${provision.id}/complete`, { outcome: 'submit', payload: { summary: '本季度接口可用率 99.9%' } })).status).toBe(200);
      await waitFor('both reports to be filed', async () => {
        const kinds = await filingKinds();
        return kinds.includes('sharing.usage_reported') && kinds.includes('sharing.provision_reported');
      });
    } finally {
      await admin.put('/policies/sharing.reportingPeriod', { value: previous });
      await close();
    }
  });
});
