import { publishResource, resourceBody } from './support/catalog.js';
import ExcelJS from 'exceljs';
import { adminPassword, createDepartmentWithPeople, environment, login, sql, waitFor, type ApiClient } from './support/harness.js';

describe('subscriptions and data demands', () => {
  let admin: ApiClient;
  let infoOffice: ApiClient;
  let provider: Awaited<ReturnType<typeof createDepartmentWithPeople>>;
  let consumer: Awaited<ReturnType<typeof createDepartmentWithPeople>>;

  beforeAll(async () => {
    admin = await login('admin', adminPassword());
    infoOffice = await login('xinxiban.staff');
    provider = await createDepartmentWithPeople(admin, 'SUBP');
    consumer = await createDepartmentWithPeople(admin, 'SUBC');
  });

  it('tells a subscribing department when a resource it relies on changes or is retired', async () => {
    const providerStaff = await provider.staff();
    const consumerStaff = await consumer.staff();
    const body = resourceBody();
    const resource = await publishResource(providerStaff, infoOffice, body);
    expect((await consumerStaff.post(`/catalog/resources/${resource.id}/subscription`)).status).toBe(201);
    expect((await consumerStaff.post(`/catalog/resources/${resource.id}/subscription`)).status).toBe(201);
    expect((await consumerStaff.get('/catalog/subscriptions')).body.items).toEqual([expect.objectContaining({ resourceId: resource.id })]);

    await providerStaff.put(`/catalog/resources/${resource.id}`, { ...resourceBody(), name: resource.name, abstract: '新增字段说明' });
    await providerStaff.post(`/catalog/resources/${resource.id}/submit`);
    const revision = await waitFor('the revision review', async () => {
      const items = (await infoOffice.get('/tasks?kind=catalog_review&limit=200')).body.items as { id: string; subjectId: string; title: string }[];
      return items.find((t) => t.subjectId === resource.id && t.title.includes('第2版'));
    });
    await infoOffice.post(`/tasks/${revision.id}/complete`, { outcome: 'approve' });

    const notice = await waitFor('the subscriber notice', async () => {
      const items = (await consumerStaff.get('/notifications')).body.items as { template: string; link: string; subject: string }[];
      return items.find((n) => n.template === 'resource-changed' && n.link.endsWith(`/catalog/resources/${resource.id}`));
    });
    expect(notice.subject).toContain(resource.name);
    expect((await (await provider.staff()).get('/notifications')).body.items.some((n: { template: string }) => n.template === 'resource-changed')).toBe(false);

    expect((await consumerStaff.request('DELETE', `/catalog/resources/${resource.id}/subscription`)).status).toBe(204);
    expect((await consumerStaff.get('/catalog/subscriptions')).body.items).toEqual([]);
  });

  it('only lets a department subscribe to what it can see and what is published', async () => {
    const providerStaff = await provider.staff();
    const { body: draft } = await providerStaff.post('/catalog/resources', resourceBody());
    expect((await (await consumer.staff()).post(`/catalog/resources/${draft.id}/subscription`)).status).toBe(404);
    expect((await providerStaff.post(`/catalog/resources/${draft.id}/subscription`)).status).toBe(409);
  });

  it('sends a demand to the expected provider, whose answer naming an existing resource is checked and filed', async () => {
    const providerStaff = await provider.staff();
    const consumerStaff = await consumer.staff();
    const existing = await publishResource(providerStaff, infoOffice);
    const { body: draft } = await providerStaff.post('/catalog/resources', resourceBody());

    expect((await consumerStaff.post('/demands', { dataName: 'x', expectedProviderDepartmentId: consumer.id, content: 'x', purpose: 'x', updateFrequency: 'daily' })).status).toBe(422);
    const registered = await consumerStaff.post('/demands', {
      dataName: '企业社保缴纳人数',
      expectedProviderDepartmentId: provider.id,
      content: '按月提供各企业参保缴费人数',
      purpose: '核定稳岗补贴',
      updateFrequency: 'monthly',
    });
    expect(registered).toMatchObject({ status: 201, body: { status: 'open', requesterDepartmentId: consumer.id } });
    const demandId = registered.body.id as string;

    const task = await waitFor('the demand_response task', async () => {
      const items = (await providerStaff.get('/tasks?kind=demand_response')).body.items as { id: string; subjectId: string }[];
      return items.find((t) => t.subjectId === demandId);
    });
    expect((await consumerStaff.post(`/tasks/${task.id}/complete`, { outcome: 'will_provide' })).status).toBe(404);
    expect((await providerStaff.post(`/tasks/${task.id}/complete`, { outcome: 'cannot' })).status).toBe(422);
    expect((await providerStaff.post(`/tasks/${task.id}/complete`, { outcome: 'exists', payload: { resourceId: draft.id } })).status).toBe(422);
    const answered = await providerStaff.post(`/tasks/${task.id}/complete`, { outcome: 'exists', payload: { resourceId: existing.id } });
    expect(answered).toMatchObject({ status: 200, body: { status: 'answered', answer: 'exists', resourceId: existing.id } });

    expect((await consumerStaff.get(`/demands/${demandId}`)).body).toMatchObject({ status: 'answered', answer: 'exists', answerResourceId: existing.id, openTasks: [] });
    const outsider = await login('gongan.staff');
    expect((await outsider.get(`/demands/${demandId}`)).status).toBe(404);
    expect((await outsider.get('/demands')).body.items.map((d: { id: string }) => d.id)).not.toContain(demandId);
    expect(await sql('select kind, department_ids from filing where subject_id = $1', [demandId])).toEqual([
      { kind: 'demand.answered', department_ids: [consumer.id, provider.id] },
    ]);
    const exported = await fetch(`${environment.apiUrl}/catalog/exports/demands`, { headers: { authorization: `Bearer ${consumerStaff.token}` } });
    expect(exported.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await exported.arrayBuffer()) as never);
    const cells = workbook.worksheets.flatMap((sheet) => sheet.getSheetValues().flat().map(String));
    expect(cells).toEqual(expect.arrayContaining(['企业社保缴纳人数', '按月提供各企业参保缴费人数', '已有资源']));

    await waitFor('the requester to be told', async () =>
      ((await consumerStaff.get('/notifications')).body.items as { template: string }[]).some((n) => n.template === 'demand-answered'),
    );
  });
});
