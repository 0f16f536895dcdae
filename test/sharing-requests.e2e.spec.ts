import { publishResource } from './support/catalog.js';
import { openTaskOn, requestInStatus, sharingApplication } from './support/sharing.js';
import { adminPassword, createDepartmentWithPeople, login, sql, waitFor, type ApiClient } from './support/harness.js';

type Department = Awaited<ReturnType<typeof createDepartmentWithPeople>>;

describe('sharing requests', () => {
  let admin: ApiClient;
  let infoOffice: ApiClient;
  let leadership: ApiClient;
  let provider: Department;
  let requester: Department;
  let providerStaff: ApiClient;
  let requesterStaff: ApiClient;
  let conditional: { id: string };
  let unconditional: { id: string };

  beforeAll(async () => {
    admin = await login('admin', adminPassword());
    infoOffice = await login('xinxiban.staff');
    leadership = await login('lingdao.member');
    provider = await createDepartmentWithPeople(admin, 'PROV');
    requester = await createDepartmentWithPeople(admin, 'REQ');
    providerStaff = await provider.staff();
    requesterStaff = await requester.staff();
    conditional = await publishResource(providerStaff, infoOffice, { sharingType: 'conditional' });
    unconditional = await publishResource(providerStaff, infoOffice, { sharingType: 'unconditional' });
  });

  const application = sharingApplication;

  async function apply(resourceId: string, overrides: Record<string, unknown> = {}) {
    const response = await requesterStaff.post('/sharing-requests', application(resourceId, overrides));
    expect(response.status).toBe(201);
    return response.body as { id: string; status: string };
  }

  const openTask = openTaskOn;
  const statusOf = (requestId: string, status: string) => requestInStatus(requesterStaff, requestId, status);

  async function filingKinds(requestId: string) {
    const kinds = (await infoOffice.get(`/filings?subjectType=sharing_request&subjectId=${requestId}`)).body.items.map((f: { kind: string }) => f.kind);
    expect((await infoOffice.get('/filings/verify')).body.ok).toBe(true);
    return kinds;
  }

  it('refuses what cannot be applied for, with 422 and nothing created', async () => {
    const before = await sql('select count(*)::int as n from sharing_request');
    const { body: draft } = await providerStaff.post('/catalog/resources', { ...(await import('./support/catalog.js')).resourceBody() });
    expect((await requesterStaff.post('/sharing-requests', application(draft.id))).status).toBe(422);
    expect((await requesterStaff.post('/sharing-requests', application(conditional.id, { dataItems: ['不存在的字段'] }))).status).toBe(422);
    const notShareable = await publishResource(providerStaff, infoOffice, { sharingType: 'not_shareable', sharingMethods: [], notShareableBasis: '涉及国家秘密' });
    expect((await requesterStaff.post('/sharing-requests', application(notShareable.id))).status).toBe(422);
    expect((await providerStaff.post('/sharing-requests', application(conditional.id))).status).toBe(422);
    expect((await requesterStaff.post('/sharing-requests', { ...application(conditional.id), purpose: 'curiosity' })).status).toBe(400);
    expect(await sql('select count(*)::int as n from sharing_request')).toEqual(before);
  });

  it('grants an unconditional resource at once, files it, and opens no provider task', async () => {
    const request = await apply(unconditional.id);
    expect(request.status).toBe('granted');
    const view = (await requesterStaff.get(`/sharing-requests/${request.id}`)).body;
    expect(view).toMatchObject({ status: 'granted', openTasks: [], grant: { status: 'active', dataItems: ['公民身份号码', '姓名'] } });
    expect(await filingKinds(request.id)).toEqual(['sharing.negotiated', 'sharing.granted']);
    expect(await sql("select count(*)::int as n from task where subject_id = $1", [request.id])).toEqual([{ n: 0 }]);
  });

  it('lets the provider approve a conditional request, and shows it to those concerned only', async () => {
    const request = await apply(conditional.id);
    expect(request.status).toBe('awaiting_provider');
    const review = await openTask(providerStaff, request.id, 'provider_review');
    const view = (await requesterStaff.get(`/sharing-requests/${request.id}`)).body;
    expect(view.openTasks).toEqual([expect.objectContaining({ id: review.id, kind: 'provider_review', dueAt: expect.any(String) })]);
    expect((await (await login('gongan.staff')).get(`/sharing-requests/${request.id}`)).status).toBe(404);
    expect((await providerStaff.get('/sharing-requests?role=provider')).body.items.map((r: { id: string }) => r.id)).toContain(request.id);

    const approved = await providerStaff.post(`/tasks/${review.id}/complete`, { outcome: 'approve' });
    expect(approved).toMatchObject({ status: 200, body: { status: 'granted' } });
    const granted = await statusOf(request.id, 'granted');
    expect(granted.timeline.map((e: { type: string }) => e.type)).toEqual(['provider_review_requested', 'granted']);
    expect(await filingKinds(request.id)).toEqual(['sharing.negotiated', 'sharing.granted']);
  });

  it('negotiates two counter-offer rounds, then the requester accepts', async () => {
    const request = await apply(conditional.id, { dataItems: ['公民身份号码', '姓名', '户籍所在地行政区划代码'] });
    const first = await openTask(providerStaff, request.id, 'provider_review');
    expect((await providerStaff.post(`/tasks/${first.id}/complete`, { outcome: 'counter_offer', payload: { dataItems: ['婚姻状况'] } })).status).toBe(422);
    await providerStaff.post(`/tasks/${first.id}/complete`, { outcome: 'counter_offer', payload: { dataItems: ['公民身份号码', '姓名'] }, comment: '仅提供核验所需字段' });
    const response1 = await openTask(requesterStaff, request.id, 'counter_offer_response');
    expect((await statusOf(request.id, 'negotiating')).status).toBe('negotiating');
    await requesterStaff.post(`/tasks/${response1.id}/complete`, { outcome: 'revise', payload: { dataItems: ['公民身份号码', '姓名'], method: 'file' } });

    const second = await waitFor('the second provider review', async () => {
      const task = await openTask(providerStaff, request.id, 'provider_review');
      return task.id !== first.id ? task : undefined;
    });
    await providerStaff.post(`/tasks/${second.id}/complete`, { outcome: 'counter_offer', payload: { scope: '低保审核科室，仅限核验' } });
    const response2 = await waitFor('the second counter-offer response', async () => {
      const task = await openTask(requesterStaff, request.id, 'counter_offer_response');
      return task.id !== response1.id ? task : undefined;
    });
    expect((await requesterStaff.post(`/tasks/${response2.id}/complete`, { outcome: 'accept' })).status).toBe(200);

    const granted = await statusOf(request.id, 'granted');
    expect(granted).toMatchObject({ dataItems: ['公民身份号码', '姓名'], method: 'file', scope: '低保审核科室，仅限核验' });
    expect(granted.grant).toMatchObject({ dataItems: ['公民身份号码', '姓名'], method: 'file' });
    expect(granted.timeline.map((e: { type: string }) => e.type)).toEqual([
      'provider_review_requested', 'counter_offer', 'terms_revised', 'provider_review_requested', 'counter_offer', 'counter_offer_accepted', 'granted',
    ]);
    expect(await filingKinds(request.id)).toEqual(['sharing.negotiated', 'sharing.granted']);
  });

  it('sends a refusal to coordination, where the info office orders the provider to provide', async () => {
    const request = await apply(conditional.id);
    const review = await openTask(providerStaff, request.id, 'provider_review');
    expect((await providerStaff.post(`/tasks/${review.id}/complete`, { outcome: 'refuse' })).status).toBe(422);
    await providerStaff.post(`/tasks/${review.id}/complete`, { outcome: 'refuse', comment: '数据涉及个人隐私' });
    await statusOf(request.id, 'escalated');
    const coordination = await openTask(infoOffice, request.id, 'coordination');
    expect((await providerStaff.post(`/tasks/${coordination.id}/complete`, { outcome: 'order_provide' })).status).toBe(404);
    await infoOffice.post(`/tasks/${coordination.id}/complete`, { outcome: 'order_provide', comment: '依法应当共享' });
    await statusOf(request.id, 'granted');
    expect(await filingKinds(request.id)).toEqual([
      'sharing.refused_by_provider', 'sharing.refusal_reported', 'sharing.escalation_decided', 'sharing.negotiated', 'sharing.granted',
    ]);
  });

  it('lets the info office raise a refusal to the leadership group, whose decision to uphold it binds', async () => {
    const request = await apply(conditional.id);
    await providerStaff.post(`/tasks/${(await openTask(providerStaff, request.id, 'provider_review')).id}/complete`, { outcome: 'refuse', comment: '系统不具备接口条件' });
    await infoOffice.post(`/tasks/${(await openTask(infoOffice, request.id, 'coordination')).id}/complete`, { outcome: 'escalate', comment: '重大事项，提请领导小组' });
    const decision = await openTask(leadership, request.id, 'leadership_decision');
    expect((await leadership.post(`/tasks/${decision.id}/complete`, { outcome: 'escalate' })).status).toBe(422);
    await leadership.post(`/tasks/${decision.id}/complete`, { outcome: 'uphold_refusal', comment: '领导小组会议决定：暂不共享' });
    const refused = await statusOf(request.id, 'refused');
    expect(refused.grant).toBeUndefined();
    expect(await filingKinds(request.id)).toEqual([
      'sharing.refused_by_provider', 'sharing.refusal_reported', 'sharing.escalated_to_leadership', 'sharing.escalation_decided', 'sharing.refused',
    ]);
  });

  it('escalates by itself when the provider misses its deadline', async () => {
    const previous = (await admin.get('/policies')).body.find((p: { key: string }) => p.key === 'sharing.providerResponse').value;
    await admin.put('/policies/sharing.providerResponse', { value: 'PT2S' });
    try {
      const request = await apply(conditional.id);
      await openTask(infoOffice, request.id, 'coordination');
      const view = await statusOf(request.id, 'escalated');
      expect(view.timeline.at(-1)).toMatchObject({ type: 'escalated', detail: { reason: 'missed_deadline' } });
      const [task] = await sql<{ status: string; overdue_at: Date | null }>("select status, overdue_at from task where subject_id = $1 and kind = 'provider_review'", [request.id]);
      expect(task).toMatchObject({ status: 'expired', overdue_at: expect.any(Date) });
      expect(await filingKinds(request.id)).toEqual(['sharing.refusal_reported']);
    } finally {
      await admin.put('/policies/sharing.providerResponse', { value: previous });
    }
  });

  it('tells both sides before a grant ends, then expires it at its end date', async () => {
    const previous = (await admin.get('/policies')).body.find((p: { key: string }) => p.key === 'sharing.expiryNotice').value;
    await admin.put('/policies/sharing.expiryNotice', { value: 'PT3S' });
    try {
      const validUntil = new Date(Date.now() + 6000).toISOString();
      const request = await apply(unconditional.id, { validUntil });
      expect(request.status).toBe('granted');
      for (const client of [requesterStaff, providerStaff]) {
        await waitFor('the expiry notice', async () =>
          ((await client.get('/notifications?limit=200')).body.items as { template: string; link: string }[]).some(
            (n) => n.template === 'grant-expiring' && n.link.endsWith(`/sharing-requests/${request.id}`),
          ),
        );
      }
      expect((await requesterStaff.get(`/sharing-requests/${request.id}`)).body.status).toBe('granted');
      const expired = await statusOf(request.id, 'expired');
      expect(expired.grant).toMatchObject({ status: 'expired' });
      expect(await filingKinds(request.id)).toEqual(['sharing.negotiated', 'sharing.granted', 'sharing.expired']);
    } finally {
      await admin.put('/policies/sharing.expiryNotice', { value: previous });
    }
  });

  it('sends a report of non-delivery on a granted request to coordination', async () => {
    const request = await apply(unconditional.id);
    expect((await providerStaff.post(`/sharing-requests/${request.id}/non-delivery`, { reasons: 'x' })).status).toBe(403);
    expect((await requesterStaff.post(`/sharing-requests/${request.id}/non-delivery`, {})).status).toBe(400);
    expect((await requesterStaff.post(`/sharing-requests/${request.id}/non-delivery`, { reasons: '  ' })).status).toBe(422);
    const reported = await requesterStaff.post(`/sharing-requests/${request.id}/non-delivery`, { reasons: '接口自授权后一直无法调用' });
    expect(reported.status).toBe(200);
    const coordination = await openTask(infoOffice, request.id, 'coordination');
    await infoOffice.post(`/tasks/${coordination.id}/complete`, { outcome: 'order_provide', comment: '责令三日内恢复接口' });
    await waitFor('delivery to be ordered', async () =>
      (await requesterStaff.get(`/sharing-requests/${request.id}`)).body.timeline.some((e: { type: string }) => e.type === 'delivery_ordered'),
    );
    expect((await requesterStaff.get(`/sharing-requests/${request.id}`)).body.status).toBe('granted');
    expect(await filingKinds(request.id)).toEqual([
      'sharing.negotiated', 'sharing.granted', 'sharing.non_delivery_reported', 'sharing.refusal_reported', 'sharing.escalation_decided',
    ]);
  });

  it('lets the provider revoke a grant with reasons, and not the requester', async () => {
    const request = await apply(unconditional.id);
    expect((await requesterStaff.post(`/sharing-requests/${request.id}/revoke`, { reasons: 'x' })).status).toBe(403);
    expect((await providerStaff.post(`/sharing-requests/${request.id}/revoke`, {})).status).toBe(400);
    expect((await providerStaff.post(`/sharing-requests/${request.id}/revoke`, { reasons: ' ' })).status).toBe(422);
    const revoked = await providerStaff.post(`/sharing-requests/${request.id}/revoke`, { reasons: '申请部门超范围使用数据' });
    expect(revoked).toMatchObject({ status: 200, body: { status: 'revoked' } });
    const view = (await requesterStaff.get(`/sharing-requests/${request.id}`)).body;
    expect(view).toMatchObject({ status: 'revoked', grant: { status: 'revoked' } });
    expect((await providerStaff.post(`/sharing-requests/${request.id}/revoke`, { reasons: 'again' })).status).toBe(409);
    expect(await filingKinds(request.id)).toEqual(['sharing.negotiated', 'sharing.granted', 'sharing.revoked']);
  });

  it('cancels every open task when the requester withdraws mid-review', async () => {
    const request = await apply(conditional.id);
    const review = await openTask(providerStaff, request.id, 'provider_review');
    expect((await providerStaff.post(`/sharing-requests/${request.id}/withdraw`, {})).status).toBe(403);
    const withdrawn = await requesterStaff.post(`/sharing-requests/${request.id}/withdraw`, { reason: '已通过其他渠道获取' });
    expect(withdrawn).toMatchObject({ status: 200, body: { status: 'withdrawn' } });
    expect(await sql('select status from task where id = $1', [review.id])).toEqual([{ status: 'cancelled' }]);
    expect((await providerStaff.post(`/tasks/${review.id}/complete`, { outcome: 'approve' })).status).toBe(409);
    expect((await requesterStaff.post(`/sharing-requests/${request.id}/withdraw`, {})).status).toBe(409);
    expect(await filingKinds(request.id)).toEqual(['sharing.withdrawn']);
  });
});
