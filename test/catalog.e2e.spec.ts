import { publishResource, resourceBody, reviewTask } from './support/catalog.js';
import { adminPassword, anonymous, createDepartmentWithPeople, login, sql, waitFor, type ApiClient } from './support/harness.js';

describe('catalog registration, review and publication', () => {
  let admin: ApiClient;
  let infoOffice: ApiClient;
  let provider: Awaited<ReturnType<typeof createDepartmentWithPeople>>;
  let providerStaff: ApiClient;

  beforeAll(async () => {
    admin = await login('admin', adminPassword());
    infoOffice = await login('xinxiban.staff');
    provider = await createDepartmentWithPeople(admin, 'CAT');
    providerStaff = await provider.staff();
  });

  it('drafts, submits, returns, revises and publishes a resource, keeping every round', async () => {
    const body = resourceBody({ openScope: 'public' });
    const created = await providerStaff.post('/catalog/resources', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'draft',
      version: 1,
      providerDepartmentId: provider.id,
      identifier: expect.stringMatching(new RegExp(`^JC-${provider.code}/\\d{6}$`)),
    });
    expect(created.body.metadataIdentifier).toBe(`${created.body.identifier}-v1`);
    const id = created.body.id as string;

    // A draft is the provider's own: others do not see it, in search or directly.
    const outsider = await login('minzheng.staff');
    expect((await outsider.get(`/catalog/resources/${id}`)).status).toBe(404);
    expect((await outsider.post(`/catalog/resources/${id}/submit`)).status).toBe(404);

    const submitted = await providerStaff.post(`/catalog/resources/${id}/submit`);
    expect(submitted).toMatchObject({ status: 200, body: { status: 'in_review', round: 1 } });
    expect((await providerStaff.post(`/catalog/resources/${id}/submit`)).status).toBe(409);
    expect((await providerStaff.put(`/catalog/resources/${id}`, body)).status).toBe(409);

    const firstReview = await reviewTask(infoOffice, id);
    expect((await infoOffice.post(`/tasks/${firstReview.id}/complete`, { outcome: 'return' })).status).toBe(422);
    const returned = await infoOffice.post(`/tasks/${firstReview.id}/complete`, { outcome: 'return', comment: '摘要过于简略，请补充数据来源。' });
    expect(returned).toMatchObject({ status: 200, body: { status: 'returned', round: 1 } });
    expect((await providerStaff.get(`/catalog/resources/${id}`)).body.status).toBe('returned');

    const revised = await providerStaff.put(`/catalog/resources/${id}`, { ...body, abstract: `${body.abstract}数据来源：公安人口管理系统。` });
    expect(revised).toMatchObject({ status: 200, body: { status: 'returned', version: 1 } });
    expect((await providerStaff.post(`/catalog/resources/${id}/submit`)).body).toMatchObject({ status: 'in_review', round: 2 });
    const secondReview = await waitFor('the second review task', async () => {
      const task = await reviewTask(infoOffice, id);
      return task.id !== firstReview.id ? task : undefined;
    });
    const approved = await infoOffice.post(`/tasks/${secondReview.id}/complete`, { outcome: 'approve' });
    expect(approved).toMatchObject({ status: 200, body: { status: 'published', round: 2 } });

    const published = await providerStaff.get(`/catalog/resources/${id}`);
    expect(published.body).toMatchObject({ status: 'published', version: 1, abstract: expect.stringContaining('数据来源') });
    expect(published.body.reviews.map((r: { outcome: string; comment?: string }) => [r.outcome, r.comment])).toEqual([
      ['return', '摘要过于简略，请补充数据来源。'],
      ['approve', undefined],
    ]);
    expect((await outsider.get(`/catalog/resources/${id}`)).body).toMatchObject({ status: 'published' });
    expect((await outsider.get(`/catalog/resources/${id}`)).body.reviews).toBeUndefined();

    const filings = (await infoOffice.get(`/filings?subjectType=catalog_resource&subjectId=${id}`)).body.items;
    expect(filings.map((f: { kind: string }) => f.kind)).toEqual(['catalog.submitted', 'catalog.returned', 'catalog.submitted', 'catalog.published']);
    expect((await infoOffice.get('/filings/verify')).body.ok).toBe(true);

    const decision = await providerStaff.get(`/catalog/resources/${id}/documents/review-decision`);
    expect(decision.contentType).toContain('text/html');
    expect(decision.body).toContain('予以通过');
    const entry = await outsider.get(`/catalog/resources/${id}/documents/entry`);
    expect(entry.body).toContain('户籍所在地行政区划代码');
  });

  it('finds published resources by a Chinese substring of a data item, and shows public ones to the public', async () => {
    const marker = '婚姻登记';
    const itemName = `${marker}证字号甲`;
    const publicBody = resourceBody({ openScope: 'public', dataItems: [{ name: itemName, description: '', dataType: 'string', openScope: 'public' }, { name: '内部备注', description: '', dataType: 'string', openScope: 'internal' }] });
    const internalBody = resourceBody({ openScope: 'internal', dataItems: [{ name: `${marker}证字号乙`, description: '', dataType: 'string', openScope: 'internal' }] });
    const ids: string[] = [];
    for (const body of [publicBody, internalBody]) ids.push((await publishResource(providerStaff, infoOffice, body)).id);

    const reader = await login('minzheng.staff');
    const found = await reader.get(`/catalog/resources?q=${encodeURIComponent('证字号')}&providerDepartmentId=${provider.id}`);
    expect(found.body.items.map((r: { id: string }) => r.id).sort()).toEqual([...ids].sort());
    const byTwoChars = await reader.get(`/catalog/resources?q=${encodeURIComponent('号甲')}&providerDepartmentId=${provider.id}`);
    expect(byTwoChars.body).toMatchObject({ total: 1, items: [{ id: ids[0] }] });
    expect((await reader.get(`/catalog/resources?q=${encodeURIComponent('号丙')}&providerDepartmentId=${provider.id}`)).body.total).toBe(0);
    expect((await reader.get(`/catalog/resources?q=${encodeURIComponent(marker)}&sharingType=unconditional`)).body.total).toBe(0);

    const publicQuery = await anonymous.get(`/public/catalog/resources?q=${encodeURIComponent(marker)}`);
    expect(publicQuery.status).toBe(200);
    expect(publicQuery.body.items.map((r: { id: string }) => r.id)).toEqual([ids[0]]);
    expect(publicQuery.body.items[0].dataItems.map((item: { name: string }) => item.name)).toEqual([itemName]);
    expect((await anonymous.get(`/public/catalog/resources/${ids[1]}`)).status).toBe(404);
    expect((await anonymous.get(`/catalog/resources?q=${encodeURIComponent(marker)}`)).status).toBe(401);
  });

  it('refuses a not-shareable resource without its legal basis, and changes nothing', async () => {
    const before = await sql('select count(*)::int as n from catalog_resource');
    const refused = await providerStaff.post('/catalog/resources', resourceBody({ sharingType: 'not_shareable', sharingMethods: [] }));
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'notShareableBasis' })]);
    expect((await providerStaff.post('/catalog/resources', resourceBody({ dataItems: [] }))).status).toBe(400);
    expect(await sql('select count(*)::int as n from catalog_resource')).toEqual(before);
    const allowed = await providerStaff.post('/catalog/resources', resourceBody({ sharingType: 'not_shareable', sharingMethods: [], notShareableBasis: '《中华人民共和国保守国家秘密法》第二条' }));
    expect(allowed.status).toBe(201);
  });

  it('reviews a change to a published resource as a new version while the published one stays visible, then retires it', async () => {
    const body = resourceBody();
    const { body: created } = await providerStaff.post('/catalog/resources', body);
    const id = created.id as string;
    await providerStaff.post(`/catalog/resources/${id}/submit`);
    await infoOffice.post(`/tasks/${(await reviewTask(infoOffice, id)).id}/complete`, { outcome: 'approve' });

    const revision = await providerStaff.put(`/catalog/resources/${id}`, { ...body, name: `${body.name}（第二版）` });
    expect(revision.body).toMatchObject({ status: 'published', version: 1, name: body.name, pendingChange: { version: 2, state: 'draft', change: 'revise' } });
    const reader = await login('minzheng.staff');
    await providerStaff.post(`/catalog/resources/${id}/submit`);
    expect((await reader.get(`/catalog/resources/${id}`)).body).toMatchObject({ status: 'published', version: 1, name: body.name });
    const task = await waitFor('the revision review', async () => {
      const items = (await infoOffice.get('/tasks?kind=catalog_review&limit=200')).body.items as { id: string; subjectId: string; title: string }[];
      return items.find((t) => t.subjectId === id && t.title.includes('第2版'));
    });
    await infoOffice.post(`/tasks/${task.id}/complete`, { outcome: 'approve' });
    expect((await reader.get(`/catalog/resources/${id}`)).body).toMatchObject({ status: 'published', version: 2, name: `${body.name}（第二版）` });

    expect((await providerStaff.post(`/catalog/resources/${id}/retire`)).body).toMatchObject({ status: 'in_review' });
    const retirement = await waitFor('the retirement review', async () => {
      const items = (await infoOffice.get('/tasks?kind=catalog_review&limit=200')).body.items as { id: string; subjectId: string; title: string }[];
      return items.find((t) => t.subjectId === id && t.title.includes('第3版'));
    });
    await infoOffice.post(`/tasks/${retirement.id}/complete`, { outcome: 'approve' });
    expect((await reader.get(`/catalog/resources/${id}`)).body.status).toBe('retired');
    const kinds = (await infoOffice.get(`/filings?subjectId=${id}`)).body.items.map((f: { kind: string }) => f.kind);
    expect(kinds).toEqual(['catalog.submitted', 'catalog.published', 'catalog.submitted', 'catalog.revised', 'catalog.submitted', 'catalog.retired']);
  });
});
