import { publishResource, resourceBody } from './support/catalog.js';
import { adminPassword, createDepartmentWithPeople, login, unique, type ApiClient } from './support/harness.js';

type Department = Awaited<ReturnType<typeof createDepartmentWithPeople>>;

const item = (name: string) => ({ name, description: `${name}说明`, dataType: 'string', length: 50, openScope: 'internal' });

describe('theme libraries (主题资源库)', () => {
  let infoOffice: ApiClient;
  let lead: Department;
  let provider: Department;
  let leadStaff: ApiClient;
  let providerStaff: ApiClient;

  beforeAll(async () => {
    const admin = await login('admin', adminPassword());
    infoOffice = await login('xinxiban.staff');
    lead = await createDepartmentWithPeople(admin, 'THEMELEAD');
    provider = await createDepartmentWithPeople(admin, 'THEMEPROV');
    [leadStaff, providerStaff] = [await lead.staff(), await provider.staff()];
  });

  it('gathers resources of two departments, one proposed by its provider and accepted by the lead department, and shows the coverage', async () => {
    const leadResource = await publishResource(leadStaff, infoOffice, { dataItems: [item('统一社会信用代码'), item('企业名称')] });
    const providerResource = await publishResource(providerStaff, infoOffice, { dataItems: [item('统一社会信用代码'), item('行政处罚决定书文号')] });
    const draft = await providerStaff.post('/catalog/resources', resourceBody());
    expect(draft.status).toBe(201);

    const name = unique('企业信用资源库');
    const body = { name, description: '企业信用信息（seed 003 二(二)）', leadDepartmentId: lead.id, expectedItems: ['统一社会信用代码', '企业名称', '行政处罚决定书文号', '失信被执行人标识'] };
    expect((await leadStaff.post('/themes', body)).status).toBe(403);
    expect((await infoOffice.post('/themes', { ...body, leadDepartmentId: '00000000-0000-4000-8000-000000000000' })).status).toBe(422);
    const defined = await infoOffice.post('/themes', body);
    expect(defined.status).toBe(201);
    const themeId = defined.body.id as string;
    expect((await infoOffice.post('/themes', body)).status).toBe(409);

    // The lead department adds its own resource outright; a draft does not belong in a theme.
    expect((await leadStaff.post(`/themes/${themeId}/resources`, { resourceId: leadResource.id })).body.resources.map((r: { resourceId: string }) => r.resourceId)).toEqual([leadResource.id]);
    expect((await providerStaff.post(`/themes/${themeId}/resources`, { resourceId: draft.body.id })).status).toBe(422);
    // The provider cannot add another department's resource, only propose its own.
    expect((await providerStaff.post(`/themes/${themeId}/resources`, { resourceId: leadResource.id })).status).toBe(403);
    const proposed = await providerStaff.post(`/themes/${themeId}/resources`, { resourceId: providerResource.id });
    expect(proposed.status).toBe(201);
    expect(proposed.body.proposals).toEqual([expect.objectContaining({ resourceId: providerResource.id, providerDepartmentId: provider.id })]);
    expect((await providerStaff.post(`/themes/${themeId}/resources`, { resourceId: providerResource.id })).status).toBe(409);

    // Only the lead department decides.
    expect((await providerStaff.post(`/themes/${themeId}/resources/${providerResource.id}/decision`, { outcome: 'accept' })).status).toBe(403);
    expect((await infoOffice.post(`/themes/${themeId}/resources/${providerResource.id}/decision`, { outcome: 'accept' })).status).toBe(403);
    const accepted = await leadStaff.post(`/themes/${themeId}/resources/${providerResource.id}/decision`, { outcome: 'accept' });
    expect(accepted.status).toBe(201);
    expect((await leadStaff.post(`/themes/${themeId}/resources/${providerResource.id}/decision`, { outcome: 'accept' })).status).toBe(409);

    // Freshness by the update-compliance records: the provider records an update of its resource.
    expect((await providerStaff.post(`/catalog/resources/${providerResource.id}/updates`, { note: '本月数据已更新' })).status).toBe(201);

    const theme = (await providerStaff.get(`/themes/${themeId}`)).body;
    const freshness = Object.fromEntries(theme.resources.map((r: { resourceId: string; lastUpdatedAt: string | null; updateOverdue: boolean }) => [r.resourceId, [r.lastUpdatedAt !== null, r.updateOverdue]]));
    expect(freshness).toEqual({ [leadResource.id]: [false, false], [providerResource.id]: [true, false] });
    expect(theme.proposals).toEqual([]);
    expect(theme.resources.map((r: { providerDepartmentId: string }) => r.providerDepartmentId).sort()).toEqual([lead.id, provider.id].sort());
    expect(theme.coverage).toMatchObject({ expected: 4, provided: 3 });
    const coverage = Object.fromEntries(theme.coverage.items.map((entry: { item: string; by: { resourceId: string }[] }) => [entry.item, entry.by.map((by) => by.resourceId).sort()]));
    expect(coverage).toEqual({
      统一社会信用代码: [leadResource.id, providerResource.id].sort(),
      企业名称: [leadResource.id],
      行政处罚决定书文号: [providerResource.id],
      失信被执行人标识: [],
    });
    const listed = (await leadStaff.get('/themes')).body.find((t: { id: string }) => t.id === themeId);
    expect(listed).toMatchObject({ name, leadDepartmentId: lead.id, accepted: 2, proposed: 0 });
  });
});
