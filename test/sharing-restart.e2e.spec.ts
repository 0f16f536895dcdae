import { publishResource } from './support/catalog.js';
import { openTaskOn, requestInStatus, sharingApplication } from './support/sharing.js';
import { adminPassword, createDepartmentWithPeople, killWorker, login, sql, startWorker, type ApiClient } from './support/harness.js';

describe('a worker killed in the middle of a negotiation', () => {
  let requesterStaff: ApiClient;
  let providerStaff: ApiClient;
  let resourceId: string;

  beforeAll(async () => {
    const admin = await login('admin', adminPassword());
    const infoOffice = await login('xinxiban.staff');
    const provider = await createDepartmentWithPeople(admin, 'RSTP');
    const requester = await createDepartmentWithPeople(admin, 'RSTR');
    providerStaff = await provider.staff();
    requesterStaff = await requester.staff();
    resourceId = (await publishResource(providerStaff, infoOffice, { sharingType: 'conditional' })).id;
  });

  const openTask = openTaskOn;

  it('loses nothing and duplicates no task, timeline entry or filing', async () => {
    const { body: request } = await requesterStaff.post(
      '/sharing-requests',
      sharingApplication(resourceId, { dataItems: ['公民身份号码', '姓名', '户籍所在地行政区划代码'], purpose: 'administrative_basis' }),
    );
    const review = await openTask(providerStaff, request.id, 'provider_review');

    await killWorker();
    // Sent while no worker runs: the Update waits in Temporal until a worker takes it.
    const counterOffer = providerStaff.post(`/tasks/${review.id}/complete`, { outcome: 'counter_offer', payload: { dataItems: ['公民身份号码', '姓名'] } });
    await startWorker();
    expect((await counterOffer).status).toBe(200);

    const response = await openTask(requesterStaff, request.id, 'counter_offer_response');
    await killWorker();
    await startWorker();
    expect((await requesterStaff.post(`/tasks/${response.id}/complete`, { outcome: 'accept' })).status).toBe(200);

    const granted = await requestInStatus(requesterStaff, request.id, 'granted');
    expect(granted.grant).toMatchObject({ dataItems: ['公民身份号码', '姓名'], status: 'active' });
    expect(granted.timeline.map((e: { type: string }) => e.type)).toEqual(['provider_review_requested', 'counter_offer', 'counter_offer_accepted', 'granted']);
    expect(await sql('select kind, status from task where subject_id = $1 order by created_at', [request.id])).toEqual([
      { kind: 'provider_review', status: 'done' },
      { kind: 'counter_offer_response', status: 'done' },
    ]);
    expect(await sql('select kind from filing where subject_id = $1 order by seq', [request.id])).toEqual([
      { kind: 'sharing.negotiated' },
      { kind: 'sharing.granted' },
    ]);
    expect(await sql('select count(*)::int as n from sharing_grant where request_id = $1', [request.id])).toEqual([{ n: 1 }]);
  });
});
