import { publishResource } from './support/catalog.js';
import { openTaskOn, requestInStatus, sharingApplication } from './support/sharing.js';
import { adminPassword, createDepartmentWithPeople, login, sql, waitFor, type ApiClient } from './support/harness.js';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe('sharing grants: renewal, suspension, onward sharing', () => {
  let infoOffice: ApiClient;
  let providerStaff: ApiClient;
  let requesterStaff: ApiClient;
  let thirdStaff: ApiClient;
  let requesterId: string;
  let unconditional: { id: string };

  beforeAll(async () => {
    const admin = await login('admin', adminPassword());
    infoOffice = await login('xinxiban.staff');
    const provider = await createDepartmentWithPeople(admin, 'GPRV');
    const requester = await createDepartmentWithPeople(admin, 'GREQ');
    const third = await createDepartmentWithPeople(admin, 'GTHD');
    requesterId = requester.id;
    providerStaff = await provider.staff();
    requesterStaff = await requester.staff();
    thirdStaff = await third.staff();
    unconditional = await publishResource(providerStaff, infoOffice, { sharingType: 'unconditional' });
  });

  async function grantedRequest(overrides: Record<string, unknown> = {}) {
    const response = await requesterStaff.post('/sharing-requests', sharingApplication(unconditional.id, overrides));
    expect(response).toMatchObject({ status: 201, body: { status: 'granted' } });
    return response.body as { id: string };
  }

  const view = async (requestId: string, client = requesterStaff) => (await client.get(`/sharing-requests/${requestId}`)).body;
  const timelineTypes = async (requestId: string) => (await view(requestId)).timeline.map((e: { type: string }) => e.type);

  async function filingKinds(requestId: string) {
    const kinds = (await infoOffice.get(`/filings?subjectType=sharing_request&subjectId=${requestId}`)).body.items.map((f: { kind: string }) => f.kind);
    expect((await infoOffice.get('/filings/verify')).body.ok).toBe(true);
    return kinds;
  }

  function notified(client: ApiClient, requestId: string, type: string) {
    return waitFor(`a ${type} notification`, async () =>
      ((await client.get('/notifications?limit=200')).body.items as { template: string; link: string; data: { type?: string } }[]).some(
        (n) => n.template === 'sharing-status' && n.data.type === type && n.link.endsWith(`/sharing-requests/${requestId}`),
      ),
    );
  }

  it('renews a grant the provider approves: the grant stays active during the review and expires at its new end', async () => {
    const end = new Date(Date.now() + 20_000).toISOString();
    const renewedEnd = new Date(Date.parse(end) + 10_000).toISOString();
    const request = await grantedRequest({ validUntil: end });

    expect((await providerStaff.post(`/sharing-requests/${request.id}/renew`, { validUntil: renewedEnd, reasons: 'x' })).status).toBe(403);
    expect((await requesterStaff.post(`/sharing-requests/${request.id}/renew`, { validUntil: end, reasons: '继续办理低保复核' })).status).toBe(422);
    expect((await requesterStaff.post(`/sharing-requests/${request.id}/renew`, { validUntil: renewedEnd })).status).toBe(400);
    expect((await requesterStaff.post(`/sharing-requests/${request.id}/renew`, { validUntil: renewedEnd, reasons: ' ' })).status).toBe(422);
    const applied = await requesterStaff.post(`/sharing-requests/${request.id}/renew`, { validUntil: renewedEnd, reasons: '低保复核工作延续' });
    expect(applied).toMatchObject({ status: 200, body: { status: 'granted', grant: { status: 'active', renewal: { validUntil: renewedEnd, stage: 'in_review' } } } });
    expect((await requesterStaff.post(`/sharing-requests/${request.id}/renew`, { validUntil: renewedEnd, reasons: '再次申请' })).status).toBe(409);

    const review = await openTaskOn(providerStaff, request.id, 'renewal_review');
    const during = await view(request.id);
    expect(during).toMatchObject({ status: 'granted', grant: { status: 'active', validUntil: end } });
    expect(during.openTasks).toEqual([expect.objectContaining({ id: review.id, kind: 'renewal_review', dueAt: expect.any(String) })]);
    expect((await requesterStaff.post(`/tasks/${review.id}/complete`, { outcome: 'approve' })).status).toBe(404);

    expect(await providerStaff.post(`/tasks/${review.id}/complete`, { outcome: 'approve' })).toMatchObject({ status: 200, body: { grant: { validUntil: renewedEnd } } });
    const renewed = await view(request.id);
    expect(renewed).toMatchObject({ status: 'granted', validUntil: renewedEnd, grant: { status: 'active', validUntil: renewedEnd }, openTasks: [] });
    expect(renewed.timeline.at(-1)).toMatchObject({ type: 'renewed', detail: { previousValidUntil: end, validUntil: renewedEnd, decidedBy: 'provider' } });

    // The old end passes and the grant holds; it expires at the new end.
    await waitFor('the old end to pass', () => Date.now() > Date.parse(end) + 2000, { timeoutMs: 40_000 });
    expect((await view(request.id)).status).toBe('granted');
    const expired = await waitFor('expiry at the new end', async () => {
      const current = await view(request.id);
      return current.status === 'expired' ? current : undefined;
    }, { timeoutMs: 40_000 });
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(renewedEnd));
    expect(expired.grant).toMatchObject({ status: 'expired', validUntil: renewedEnd });
    expect(await filingKinds(request.id)).toEqual(['sharing.negotiated', 'sharing.granted', 'sharing.renewal_requested', 'sharing.renewed', 'sharing.expired']);
  });

  it('sends a refused renewal to coordination while the grant stays in force until its end', async () => {
    const end = inDays(30);
    const request = await grantedRequest({ validUntil: end });
    await requesterStaff.post(`/sharing-requests/${request.id}/renew`, { validUntil: inDays(90), reasons: '项目延期' });
    const review = await openTaskOn(providerStaff, request.id, 'renewal_review');
    expect((await providerStaff.post(`/tasks/${review.id}/complete`, { outcome: 'refuse' })).status).toBe(422);
    expect((await providerStaff.post(`/tasks/${review.id}/complete`, { outcome: 'refuse', comment: '原定用途已完成' })).status).toBe(200);

    const coordination = await openTaskOn(infoOffice, request.id, 'coordination');
    const escalated = await view(request.id);
    expect(escalated).toMatchObject({ status: 'granted', grant: { status: 'active', validUntil: end } });
    expect(escalated.timeline.slice(-2)).toEqual([
      expect.objectContaining({ type: 'renewal_refused_by_provider', detail: expect.objectContaining({ reasons: '原定用途已完成' }) }),
      expect.objectContaining({ type: 'renewal_escalated', detail: expect.objectContaining({ reason: 'renewal_refused' }) }),
    ]);
    expect((await requesterStaff.post(`/sharing-requests/${request.id}/renew`, { validUntil: inDays(60), reasons: '再次申请' })).status).toBe(409);
    const report = await requesterStaff.get(`/sharing-requests/${request.id}/documents/refusal-report`);
    expect(report.body).toContain('提供部门不同意延续共享授权');

    await infoOffice.post(`/tasks/${coordination.id}/complete`, { outcome: 'uphold_refusal', comment: '维持不予延续' });
    await waitFor('the renewal to be refused', async () => (await timelineTypes(request.id)).at(-1) === 'renewal_refused');
    expect(await view(request.id)).toMatchObject({ status: 'granted', grant: { status: 'active', validUntil: end }, openTasks: [] });
    expect(await filingKinds(request.id)).toEqual([
      'sharing.negotiated', 'sharing.granted', 'sharing.renewal_requested', 'sharing.renewal_refused_by_provider',
      'sharing.refusal_reported', 'sharing.escalation_decided', 'sharing.renewal_refused',
    ]);
    // Decided, so a new application is possible.
    expect((await requesterStaff.post(`/sharing-requests/${request.id}/renew`, { validUntil: inDays(60), reasons: '补充说明后再次申请' })).status).toBe(200);
  });

  it('escalates a renewal the provider does not answer in time; revoking the grant cancels the coordination', async () => {
    const admin = await login('admin', adminPassword());
    const previous = (await admin.get('/policies')).body.find((p: { key: string }) => p.key === 'sharing.providerResponse').value;
    await admin.put('/policies/sharing.providerResponse', { value: 'PT2S' });
    try {
      const request = await grantedRequest({ validUntil: inDays(30) });
      await requesterStaff.post(`/sharing-requests/${request.id}/renew`, { validUntil: inDays(60), reasons: '项目延期' });
      const coordination = await openTaskOn(infoOffice, request.id, 'coordination');
      expect((await view(request.id)).timeline.at(-1)).toMatchObject({ type: 'renewal_escalated', detail: { reason: 'renewal_missed_deadline' } });
      expect(await sql("select status from task where subject_id = $1 and kind = 'renewal_review'", [request.id])).toEqual([{ status: 'expired' }]);

      expect((await providerStaff.post(`/sharing-requests/${request.id}/revoke`, { reasons: '停止共享' })).status).toBe(200);
      expect(await sql('select status from task where id = $1', [coordination.id])).toEqual([{ status: 'cancelled' }]);
      expect((await view(request.id)).timeline.at(-1)).toMatchObject({ type: 'revoked', detail: { cancelledRenewal: expect.any(String) } });
      expect(await filingKinds(request.id)).toEqual([
        'sharing.negotiated', 'sharing.granted', 'sharing.renewal_requested', 'sharing.refusal_reported', 'sharing.revoked',
      ]);
    } finally {
      await admin.put('/policies/sharing.providerResponse', { value: previous });
    }
  });

  it('suspends and resumes a grant, and still revokes it while suspended', async () => {
    const request = await grantedRequest();
    const suspended = await providerStaff.post(`/sharing-requests/${request.id}/suspend`, { reasons: '接口安全检查' });
    expect(suspended).toMatchObject({ status: 200, body: { status: 'granted', grant: { status: 'suspended' } } });
    expect(await view(request.id)).toMatchObject({ status: 'granted', grant: { status: 'suspended' } });
    await notified(requesterStaff, request.id, 'grant_suspended');
    await notified(providerStaff, request.id, 'grant_suspended');
    expect((await providerStaff.post(`/sharing-requests/${request.id}/suspend`, { reasons: '再次暂停' })).status).toBe(409);
    expect((await requesterStaff.post(`/sharing-requests/${request.id}/non-delivery`, { reasons: '暂停期间无数据' })).status).toBe(409);

    const resumed = await infoOffice.post(`/sharing-requests/${request.id}/resume`, { comment: '检查完毕' });
    expect(resumed).toMatchObject({ status: 200, body: { grant: { status: 'active' } } });
    expect((await infoOffice.post(`/sharing-requests/${request.id}/resume`, {})).status).toBe(409);

    await infoOffice.post(`/sharing-requests/${request.id}/suspend`, { reasons: '发现超范围使用迹象' });
    const revoked = await providerStaff.post(`/sharing-requests/${request.id}/revoke`, { reasons: '核实超范围使用' });
    expect(revoked).toMatchObject({ status: 200, body: { status: 'revoked' } });
    expect(await view(request.id)).toMatchObject({ status: 'revoked', grant: { status: 'revoked' } });
    expect(await timelineTypes(request.id)).toEqual(['granted', 'grant_suspended', 'grant_resumed', 'grant_suspended', 'revoked']);
    expect(await filingKinds(request.id)).toEqual([
      'sharing.negotiated', 'sharing.granted', 'sharing.suspended', 'sharing.resumed', 'sharing.suspended', 'sharing.revoked',
    ]);
  });

  it('lets no stranger or requester suspend, and changes nothing on bad input', async () => {
    const request = await grantedRequest();
    const before = { view: await view(request.id), filings: await filingKinds(request.id) };
    const stranger = await login('gongan.staff');
    expect((await stranger.post(`/sharing-requests/${request.id}/suspend`, { reasons: '无权暂停' })).status).toBe(404);
    expect((await thirdStaff.post(`/sharing-requests/${request.id}/suspend`, { reasons: '无权暂停' })).status).toBe(404);
    expect((await requesterStaff.post(`/sharing-requests/${request.id}/suspend`, { reasons: '申请方不能暂停' })).status).toBe(403);
    expect((await providerStaff.post(`/sharing-requests/${request.id}/suspend`, { reasons: '   ' })).status).toBe(422);
    expect((await providerStaff.post(`/sharing-requests/${request.id}/suspend`, { reasons: 42 })).status).toBe(400);
    expect((await providerStaff.post(`/sharing-requests/${request.id}/suspend`, {})).status).toBe(400);
    expect((await providerStaff.post(`/sharing-requests/${request.id}/resume`, {})).status).toBe(409);
    expect((await requesterStaff.post(`/sharing-requests/${request.id}/renew`, { validUntil: 'next year', reasons: '延续' })).status).toBe(400);
    // A grant without an end date has nothing to renew.
    expect((await requesterStaff.post(`/sharing-requests/${request.id}/renew`, { validUntil: inDays(30), reasons: '延续' })).status).toBe(409);
    const after = await view(request.id);
    expect(after).toMatchObject({ status: 'granted', grant: { status: 'active' } });
    expect(after.timeline).toEqual(before.view.timeline);
    expect(await filingKinds(request.id)).toEqual(before.filings);
  });

  it('sends an onward request naming a source grant to the original provider, even for an unconditional resource', async () => {
    const source = await grantedRequest({ dataItems: ['公民身份号码', '姓名'] });
    const sourceGrantId = (await view(source.id)).grant.id as string;
    const onward = (overrides: Record<string, unknown>) => ({ ...sharingApplication(unconditional.id, { dataItems: ['姓名'] }), sourceGrantId, ...overrides });
    const before = await sql('select count(*)::int as n from sharing_request');
    // The third department may not see the source grant: a misfit is told only that no such grant fits (404).
    expect((await thirdStaff.post('/sharing-requests', onward({ dataItems: ['姓名', '户籍所在地行政区划代码'] }))).status).toBe(404);
    expect((await requesterStaff.post('/sharing-requests', onward({}))).status).toBe(422);
    const other = await publishResource(providerStaff, infoOffice, { sharingType: 'unconditional' });
    expect((await thirdStaff.post('/sharing-requests', onward({ resourceId: other.id }))).status).toBe(404);
    expect(await sql('select count(*)::int as n from sharing_request')).toEqual(before);

    const { resourceId: _resourceId, ...withoutResource } = onward({});
    const applied = await thirdStaff.post('/sharing-requests', withoutResource);
    expect(applied).toMatchObject({ status: 201, body: { status: 'awaiting_provider' } });
    const requestId = applied.body.id as string;
    const review = await openTaskOn(providerStaff, requestId, 'provider_review');

    const seenByHolder = await view(requestId, requesterStaff);
    expect(seenByHolder).toMatchObject({ status: 'awaiting_provider', resourceId: unconditional.id, sourceGrantId, intermediaryDepartmentId: requesterId, dataItems: ['姓名'] });
    expect(seenByHolder.timeline[0]).toMatchObject({ type: 'provider_review_requested', detail: { onward: { sourceGrantId, intermediaryDepartmentId: requesterId } } });
    expect((await requesterStaff.get('/sharing-requests?role=intermediary')).body.items.map((r: { id: string }) => r.id)).toContain(requestId);
    expect((await (await login('gongan.staff')).get(`/sharing-requests/${requestId}`)).status).toBe(404);
    const application = await requesterStaff.get(`/sharing-requests/${requestId}/documents/application`);
    expect(application.body).toContain('转授共享');
    expect(application.body).toContain(sourceGrantId);

    await providerStaff.post(`/tasks/${review.id}/complete`, { outcome: 'approve' });
    const granted = await requestInStatus(thirdStaff, requestId, 'granted');
    expect(granted.grant).toMatchObject({ status: 'active', dataItems: ['姓名'] });
    expect(await filingKinds(requestId)).toEqual(['sharing.negotiated', 'sharing.granted']);
    const holderFilings = (await requesterStaff.get(`/filings?subjectType=sharing_request&subjectId=${requestId}`)).body.items;
    expect(holderFilings.map((f: { kind: string }) => f.kind)).toEqual(['sharing.negotiated', 'sharing.granted']);
  });

  it('ends what was passed on when the source grant ends: granted onward requests are revoked, those under review refused', async () => {
    const source = await grantedRequest({ dataItems: ['公民身份号码', '姓名'] });
    const sourceGrantId = (await view(source.id)).grant.id as string;
    const applyOnward = async () => {
      const applied = await thirdStaff.post('/sharing-requests', { ...sharingApplication(unconditional.id, { dataItems: ['姓名'] }), sourceGrantId });
      expect(applied.status).toBe(201);
      return { requestId: applied.body.id as string, review: await openTaskOn(providerStaff, applied.body.id, 'provider_review') };
    };
    const granted = await applyOnward();
    await providerStaff.post(`/tasks/${granted.review.id}/complete`, { outcome: 'approve' });
    await requestInStatus(thirdStaff, granted.requestId, 'granted');
    const pending = await applyOnward();

    expect((await providerStaff.post(`/sharing-requests/${source.id}/revoke`, { reasons: '需求部门违规转授' })).status).toBe(200);
    const revoked = await requestInStatus(thirdStaff, granted.requestId, 'revoked');
    expect(revoked.grant.status).toBe('revoked');
    expect(revoked.timeline.at(-1)).toMatchObject({ type: 'revoked', detail: { cause: 'source_grant_ended', sourceGrantId, sourceStatus: 'revoked' } });
    expect(await filingKinds(granted.requestId)).toEqual(['sharing.negotiated', 'sharing.granted', 'sharing.revoked']);

    // The one still under review ends at once: its review is cancelled and nothing is granted.
    const refused = await requestInStatus(thirdStaff, pending.requestId, 'refused');
    expect(refused).toMatchObject({ openTasks: [], timeline: expect.arrayContaining([expect.objectContaining({ type: 'refused', detail: expect.objectContaining({ cause: 'source_grant_ended' }) })]) });
    expect(refused.grant).toBeUndefined();
    expect((await providerStaff.post(`/tasks/${pending.review.id}/complete`, { outcome: 'approve' })).status).toBe(409);
    expect(await filingKinds(pending.requestId)).toEqual(['sharing.refused']);
  });
});
