import { shanghaiDate } from '../libs/calendar/working-days.js';
import { publishResource } from './support/catalog.js';
import { startOfShanghaiDay } from '../libs/domain/reporting-periods.js';
import { scheduleId } from '../libs/temporal/schedules.js';
import { adminPassword, createDepartmentWithPeople, environment, login, pdfBytes, temporalClient, waitFor, type ApiClient } from './support/harness.js';
import { overdueObjection } from './support/sharing.js';

type Department = Awaited<ReturnType<typeof createDepartmentWithPeople>>;

describe('bulletins', () => {
  let infoOffice: ApiClient;
  let provider: Department;
  let providerStaff: ApiClient;
  let objection: { requestId: string; taskId: string };
  let lapsedResourceId: string;

  beforeAll(async () => {
    const admin = await login('admin', adminPassword());
    infoOffice = await login('xinxiban.staff');
    provider = await createDepartmentWithPeople(admin, 'BLP');
    const requester = await createDepartmentWithPeople(admin, 'BLR');
    providerStaff = await provider.staff();
    const resource = await publishResource(providerStaff, infoOffice, { sharingType: 'unconditional' });
    objection = await overdueObjection(admin, await requester.staff(), providerStaff, resource.id);

    // A weekly resource not updated within its (here: 2-second) interval lapses at the next sweep.
    lapsedResourceId = (await publishResource(providerStaff, infoOffice, { updateFrequency: 'weekly' })).id;
    const previous = (await admin.get('/policies')).body.find((p: { key: string }) => p.key === 'update.interval.weekly').value;
    try {
      await admin.put('/policies/update.interval.weekly', { value: 'PT2S' });
      await waitFor('the weekly resource to lapse', async () => {
        await infoOffice.post('/supervision/update-compliance/run');
        return (await infoOffice.get(`/supervision/update-compliance?resourceId=${lapsedResourceId}&status=open`)).body.items.length === 1;
      });
    } finally {
      await admin.put('/policies/update.interval.weekly', { value: previous });
    }
  });

  afterAll(async () => {
    await providerStaff.post(`/catalog/resources/${lapsedResourceId}/updates`, { note: '补登更新' });
  });

  it('is issued by its schedule for the time since the previous bulletin, and not again while nothing new has passed', async () => {
    const { client, close } = await temporalClient();
    const runScheduled = async () => {
      const schedule = client.schedule.getHandle(scheduleId(environment.env.TEMPORAL_TASK_QUEUE!, 'bulletin'));
      const before = (await schedule.describe()).info.recentActions.length;
      await schedule.trigger();
      const workflowId = await waitFor('the triggered bulletin run', async () => {
        const actions = (await schedule.describe()).info.recentActions;
        return actions.length > before ? actions.at(-1)!.action.workflow.workflowId : undefined;
      });
      return client.workflow.getHandle(workflowId).result();
    };
    try {
      // The first covers the month before this one up to today (a monthly schedule on the 1st: exactly last month).
      const first = await runScheduled();
      expect(first).toMatchObject({ bulletinId: expect.any(String), filingSeq: expect.any(Number) });
      const bulletin = (await providerStaff.get(`/bulletins/${first!.bulletinId}`)).body;
      expect(bulletin).toMatchObject({ status: 'published', to: startOfShanghaiDay(new Date()).toISOString() });
      expect(await runScheduled()).toBeNull();
    } finally {
      await close();
    }
  });

  it('ranks every department, lists who is late on what, files the bulletin and publishes it to all', async () => {
    const today = shanghaiDate(new Date());
    expect((await providerStaff.post('/bulletins', { from: today, to: today })).status).toBe(403);
    expect((await infoOffice.post('/bulletins', { from: today })).status).toBe(400);
    expect((await infoOffice.post('/bulletins', { month: '2026-11', from: today, to: today })).status).toBe(400);

    const issued = await infoOffice.post('/bulletins', { from: today, to: today });
    expect(issued.status).toBe(201);
    const bulletin = issued.body;
    expect(bulletin).toMatchObject({ status: 'published', label: `${today}至${today}`, filingSeq: expect.any(Number) });
    expect((await infoOffice.post('/bulletins', { from: today, to: today })).status).toBe(409);

    const mine = bulletin.standings.find((s: { departmentId: string }) => s.departmentId === provider.id);
    expect(mine).toMatchObject({ code: provider.code, timeliness: 0 });
    expect(bulletin.standings.map((s: { rank: number }) => s.rank)).toEqual(bulletin.standings.map((_: unknown, i: number) => i + 1));
    expect(bulletin.late).toContainEqual(
      expect.objectContaining({ departmentId: provider.id, what: 'overdue_task', subjectId: objection.requestId, subjectType: 'sharing_request' }),
    );
    expect(bulletin.late).toContainEqual(
      expect.objectContaining({ departmentId: provider.id, what: 'update_lapse', subjectId: lapsedResourceId, subjectType: 'catalog_resource' }),
    );
    // The lapse counts against the provider's compliance: one of its two published resources lapsed.
    const compliance = mine.indicators.find((i: { key: string }) => i.key === 'update_compliance');
    expect(compliance).toMatchObject({ numerator: 1, denominator: 2 });

    // Filed with the info office; the chain verifies.
    const filings = (await infoOffice.get(`/filings?subjectType=bulletin&subjectId=${bulletin.id}`)).body.items;
    expect(filings).toHaveLength(1);
    expect(filings[0]).toMatchObject({ seq: bulletin.filingSeq, kind: 'bulletin.published', authority: 'info_office' });
    expect(filings[0].payload.ranking.find((r: { code: string }) => r.code === provider.code)).toBeDefined();
    expect((await infoOffice.get('/filings/verify')).body.ok).toBe(true);

    // Published to every department: anyone lists and reads it, and the provider is told.
    expect((await providerStaff.get('/bulletins')).body.items.map((b: { id: string }) => b.id)).toContain(bulletin.id);
    const document = await providerStaff.get(`/bulletins/${bulletin.id}/document`);
    expect(document.status).toBe(200);
    expect(document.body).toContain('政务信息资源共享工作通报');
    expect(document.body).toContain(`BLP 测试部门 ${provider.code}`);
    expect(document.body).toContain('逾期未办');
    expect(document.body).toContain('数据未按时更新');
    await pdfBytes(await providerStaff.fetchAs(`/bulletins/${bulletin.id}/document`, 'application/pdf'));
    await waitFor('the bulletin notification', async () =>
      ((await providerStaff.get('/notifications')).body.items as { link: string }[]).some((n) => n.link.endsWith(`/bulletins/${bulletin.id}`)),
    );
  });
});
