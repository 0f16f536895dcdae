import { monthOf } from '../libs/domain/reporting-periods.js';
import { publishResource } from './support/catalog.js';
import { adminPassword, createDepartmentWithPeople, login, waitFor, type ApiClient } from './support/harness.js';
import { openTaskOn, overdueObjection, sharingApplication } from './support/sharing.js';

type Department = Awaited<ReturnType<typeof createDepartmentWithPeople>>;
type Indicator = { key: string; numerator: number; denominator: number; value: number | null; exceptions?: { type: string; id: string }[] };

describe('supervision views', () => {
  const month = monthOf(new Date());
  let admin: ApiClient;
  let supervisor: ApiClient;
  let provider: Department;
  let requester: Department;
  let providerStaff: ApiClient;
  let requesterStaff: ApiClient;
  let completeResourceId: string;
  let incompleteResourceId: string;
  let pendingRequestId: string;
  let objectionRequestId: string;

  beforeAll(async () => {
    admin = await login('admin', adminPassword());
    supervisor = await login('kaohe.supervisor');
    const infoOffice = await login('xinxiban.staff');
    provider = await createDepartmentWithPeople(admin, 'SVP');
    requester = await createDepartmentWithPeople(admin, 'SVR');
    providerStaff = await provider.staff();
    requesterStaff = await requester.staff();

    completeResourceId = (await publishResource(providerStaff, infoOffice, { sharingType: 'unconditional' })).id;
    incompleteResourceId = (
      await publishResource(providerStaff, infoOffice, {
        dataItems: [{ name: '姓名', description: '', dataType: 'string', length: 50, openScope: 'internal' }],
      })
    ).id;
    const pending = await requesterStaff.post('/sharing-requests', sharingApplication(incompleteResourceId, { dataItems: ['姓名'] }));
    pendingRequestId = pending.body.id;
    await openTaskOn(providerStaff, pendingRequestId, 'provider_review');

    objectionRequestId = (await overdueObjection(admin, requesterStaff, providerStaff, completeResourceId)).requestId;
  });

  it('lists open tasks likely to be missed, with the people holding each up', async () => {
    const risks = await waitFor('the overdue objection verification', async () => {
      const body = (await supervisor.get(`/supervision/deadline-risks?departmentId=${provider.id}&within=20wd`)).body;
      return body.items?.some((r: { kind: string; risk: string }) => r.kind === 'objection_verification' && r.risk === 'overdue') ? body : undefined;
    });
    const review = risks.items.find((r: { subjectId: string }) => r.subjectId === pendingRequestId);
    expect(review).toMatchObject({ kind: 'provider_review', risk: 'due_soon', assigneeRole: 'staff', department: { id: provider.id } });
    expect(review.blockedBy.map((p: { userId: string }) => p.userId).sort()).toEqual([provider.people.staff.id, provider.people.head.id].sort());
    expect(risks.total).toBe(2);
    // The overdue one comes first (soonest due); with the default horizon (2 working days) the review due in 10 is left out.
    expect(risks.items[0].kind).toBe('objection_verification');
    const near = (await supervisor.get(`/supervision/deadline-risks?departmentId=${provider.id}`)).body;
    expect(near.items.map((r: { kind: string }) => r.kind)).toEqual(['objection_verification']);

    // A department sees its own risks only; bad input is refused.
    expect((await providerStaff.get('/supervision/deadline-risks?within=20wd')).body.total).toBe(2);
    expect((await requesterStaff.get(`/supervision/deadline-risks?departmentId=${provider.id}`)).status).toBe(403);
    expect((await supervisor.get('/supervision/deadline-risks?within=soon')).status).toBe(400);
  });

  it("shows a department's indicators month by month with the records counting against it, and the city's totals", async () => {
    const own = await providerStaff.get(`/supervision/indicators?from=${month}&to=${month}`);
    expect(own.status).toBe(200);
    expect(own.body.departmentId).toBe(provider.id);
    const indicators = own.body.series[0].indicators as Indicator[];
    const byKey = Object.fromEntries(indicators.map((i) => [i.key, i]));
    expect(byKey.catalog_completeness).toMatchObject({ numerator: 1, denominator: 2, value: 0.5, exceptions: [{ type: 'catalog_resource', id: incompleteResourceId }] });
    expect(byKey.catalog_quality).toMatchObject({ numerator: 2, denominator: 2 });
    // The overdue objection is counted as missed once its deadline has passed.
    expect(byKey.on_time_answers).toMatchObject({ numerator: 0, denominator: 1 });
    expect(byKey.feedback_given!.denominator).toBe(0);

    const requesterSide = (await supervisor.get(`/supervision/indicators?from=${month}&to=${month}&departmentId=${requester.id}`)).body;
    expect(requesterSide.series[0].indicators.find((i: Indicator) => i.key === 'feedback_given')).toMatchObject({
      numerator: 0,
      denominator: 1,
      exceptions: [{ type: 'sharing_request', id: objectionRequestId }],
    });

    const city = (await supervisor.get(`/supervision/indicators?from=${month}&to=${month}`)).body;
    expect(city.departmentId).toBeUndefined();
    const cityCompleteness = city.series[0].indicators.find((i: Indicator) => i.key === 'catalog_completeness');
    expect(cityCompleteness.denominator).toBeGreaterThanOrEqual(2);
    expect(cityCompleteness.exceptions).toBeUndefined();

    expect((await requesterStaff.get(`/supervision/indicators?departmentId=${provider.id}`)).status).toBe(403);
    expect((await supervisor.get('/supervision/indicators?from=2026-13')).status).toBe(400);
    expect((await supervisor.get('/supervision/indicators?from=2026-05&to=2026-01')).status).toBe(400);
    expect((await supervisor.get('/supervision/indicators?from=2020-01&to=2026-01')).status).toBe(400);
  });

  it('ranks every department for supervisors only', async () => {
    const standings = await supervisor.get(`/supervision/standings?from=${month}&to=${month}`);
    expect(standings.status).toBe(200);
    const ranks = standings.body.items.map((s: { rank: number }) => s.rank);
    expect(ranks).toEqual(ranks.map((_: number, i: number) => i + 1));
    const mine = standings.body.items.find((s: { departmentId: string }) => s.departmentId === provider.id);
    expect(mine).toMatchObject({ code: provider.code, compliance: expect.any(Number), timeliness: 0 });
    const secondPage = await supervisor.get(`/supervision/standings?from=${month}&to=${month}&limit=1&offset=1`);
    expect(secondPage.body).toMatchObject({ items: [standings.body.items[1]], total: standings.body.total });
    expect((await supervisor.get('/supervision/standings?limit=0')).status).toBe(400);
    expect((await providerStaff.get('/supervision/standings')).status).toBe(403);
  });
});
