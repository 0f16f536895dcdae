import { monthOf } from '../libs/domain/reporting-periods.js';
import { publishResource } from './support/catalog.js';
import { scheduleId } from '../libs/temporal/schedules.js';
import { adminPassword, createDepartmentWithPeople, environment, login, pdfBytes, sql, temporalClient, waitFor, type ApiClient } from './support/harness.js';
import { openTaskOn, requestInStatus, sharingApplication } from './support/sharing.js';

type Department = Awaited<ReturnType<typeof createDepartmentWithPeople>>;

describe('monthly reports', () => {
  const month = monthOf(new Date());
  let infoOffice: ApiClient;
  let provider: Department;
  let requester: Department;
  let providerStaff: ApiClient;
  let requesterStaff: ApiClient;

  beforeAll(async () => {
    const admin = await login('admin', adminPassword());
    infoOffice = await login('xinxiban.staff');
    provider = await createDepartmentWithPeople(admin, 'MRP');
    requester = await createDepartmentWithPeople(admin, 'MRR');
    providerStaff = await provider.staff();
    requesterStaff = await requester.staff();

    // The month's events: a resource published; three applications — one approved (then feedback
    // given on its grant), one refused (escalated), one left waiting.
    const resource = await publishResource(providerStaff, infoOffice);
    const apply = async () => {
      const applied = await requesterStaff.post('/sharing-requests', sharingApplication(resource.id));
      expect(applied.status).toBe(201);
      return applied.body.id as string;
    };
    const [approved, refused] = [await apply(), await apply()];
    await apply();
    const approve = await openTaskOn(providerStaff, approved, 'provider_review');
    expect((await providerStaff.post(`/tasks/${approve.id}/complete`, { outcome: 'approve' })).status).toBe(200);
    const refuse = await openTaskOn(providerStaff, refused, 'provider_review');
    expect((await providerStaff.post(`/tasks/${refuse.id}/complete`, { outcome: 'refuse', comment: '涉及个人隐私' })).status).toBe(200);
    await requestInStatus(requesterStaff, approved, 'granted');
    await requestInStatus(requesterStaff, refused, 'escalated');
    expect((await requesterStaff.post(`/sharing-requests/${approved}/feedback`, { rating: 4, effect: '核验效率明显提高' })).status).toBe(201);
  });

  /** The department's report of the month, once its task is open. */
  async function reportOf(client: ApiClient, departmentId: string) {
    return waitFor(`the ${month} report of ${departmentId} to be open`, async () => {
      const [report] = (await client.get(`/monthly-reports?month=${month}&departmentId=${departmentId}`)).body.items ?? [];
      return report && (await client.get(`/monthly-reports/${report.id}`)).body.openTask ? report : undefined;
    });
  }

  it('opens a report per department pre-filled from the month, on time for one and late (marked) for the other', async () => {
    // Due soon enough to pass within the test, late enough for the requester to be on time on a busy machine.
    const dueAt = new Date(Date.now() + 30_000).toISOString();
    expect((await providerStaff.post('/monthly-reports/rounds', { month, dueAt })).status).toBe(403);
    expect((await infoOffice.post('/monthly-reports/rounds', { month: '2026-13' })).status).toBe(400);
    const opened = await infoOffice.post('/monthly-reports/rounds', { month, dueAt });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ month, dueAt });
    expect(opened.body.reports).toBeGreaterThanOrEqual(2);
    expect((await infoOffice.post('/monthly-reports/rounds', { month })).status).toBe(409);

    const requesterReport = await reportOf(requesterStaff, requester.id);
    const providerReport = await reportOf(providerStaff, provider.id);
    // A department sees only its own reports.
    expect((await requesterStaff.get(`/monthly-reports/${providerReport.id}`)).status).toBe(404);
    expect((await requesterStaff.get(`/monthly-reports?departmentId=${provider.id}&month=${month}`)).body.items.every((r: { departmentId: string }) => r.departmentId === requester.id)).toBe(true);

    const providerView = (await providerStaff.get(`/monthly-reports/${providerReport.id}`)).body;
    expect(providerView).toMatchObject({ status: 'open', dueAt, departmentId: provider.id });
    expect(providerView.figures).toMatchObject({
      resourcesRegistered: 1,
      resourcesPublished: 1,
      answersGiven: 2,
      answersOnTime: 2,
      answersLate: 0,
      answersMissed: 0,
      answersPending: 1,
      escalations: 1,
      requestsMade: 0,
      feedbackGiven: 0,
    });
    expect((await requesterStaff.get(`/monthly-reports/${requesterReport.id}`)).body.figures).toMatchObject({
      requestsMade: 3,
      requestsGranted: 1,
      escalations: 1,
      feedbackGiven: 1,
      answersGiven: 0,
      resourcesRegistered: 0,
    });

    // The requester submits before the 25th (here: the short due time).
    const onTime = await requesterStaff.post(`/monthly-reports/${requesterReport.id}/submit`, { progress: '完成低保核验接口对接', problems: '无' });
    expect(onTime.status).toBe(200);
    expect(onTime.body).toMatchObject({ status: 'submitted', late: false, progress: '完成低保核验接口对接' });

    // Bad input and a stranger change nothing.
    expect((await providerStaff.post(`/monthly-reports/${providerReport.id}/submit`, { progress: '  ', problems: '无' })).status).toBe(400);
    expect((await requesterStaff.post(`/monthly-reports/${providerReport.id}/submit`, { progress: 'x', problems: 'y' })).status).toBe(404);

    // The provider lets the due time pass: its task is marked overdue and it is told.
    const task = await waitFor('the provider report task to be overdue', async () => {
      const items = (await providerStaff.get('/tasks?status=open&kind=monthly_report&overdue=true')).body.items as { subjectId: string; overdue: boolean }[];
      return items.find((t) => t.subjectId === providerReport.id);
    }, { timeoutMs: 60_000 });
    expect(task.overdue).toBe(true);
    expect((await providerStaff.get(`/monthly-reports/${providerReport.id}`)).body).toMatchObject({ status: 'open', overdue: true });
    const late = await providerStaff.post(`/monthly-reports/${providerReport.id}/submit`, { progress: '完成目录梳理', problems: '接口改造资金不足' });
    expect(late.status).toBe(200);
    expect(late.body).toMatchObject({ status: 'submitted', late: true, problems: '接口改造资金不足' });
    expect(late.body.figures.answersPending).toBe(1);
    expect((await providerStaff.post(`/monthly-reports/${providerReport.id}/submit`, { progress: 'again', problems: 'again' })).status).toBe(409);

    // Both are filed with the info office, the late one as late, and the chain verifies.
    const filings = await waitFor('both monthly report filings', async () => {
      const rows = await sql<{ subject_id: string; payload: { late: boolean; progress: string } }>(
        `select subject_id, payload from filing where kind = 'monthly_report.submitted' and subject_id = any($1::text[])`,
        [[providerReport.id, requesterReport.id]],
      );
      return rows.length === 2 ? rows : undefined;
    });
    expect(Object.fromEntries(filings.map((f) => [f.subject_id, f.payload.late]))).toEqual({ [providerReport.id]: true, [requesterReport.id]: false });
    expect((await infoOffice.get('/filings/verify')).body.ok).toBe(true);

    const lateList = (await infoOffice.get(`/monthly-reports?month=${month}&late=true&limit=200`)).body.items.map((r: { id: string }) => r.id);
    expect(lateList).toContain(providerReport.id);
    expect(lateList).not.toContain(requesterReport.id);

    const document = await providerStaff.get(`/monthly-reports/${providerReport.id}/document`);
    expect(document.status).toBe(200);
    expect(document.body).toContain('政务信息资源共享工作月报');
    expect(document.body).toContain('接口改造资金不足');
    expect(document.body).toContain('逾期报送');
    await pdfBytes(await providerStaff.fetchAs(`/monthly-reports/${providerReport.id}/document`, 'application/pdf'));
  });

  it("is the monthly schedule's job too: run over a round already open, it opens nothing twice", async () => {
    const countReports = async () =>
      (await sql<{ reports: number; tasks: number }>(
        `select (select count(*)::int from monthly_report where month = $1) as reports,
                (select count(*)::int from task t join monthly_report r on r.id::text = t.subject_id where t.kind = 'monthly_report' and r.month = $1) as tasks`,
        [month],
      ))[0]!;
    const before = await countReports();
    const { client, close } = await temporalClient();
    try {
      const schedule = client.schedule.getHandle(scheduleId(environment.env.TEMPORAL_TASK_QUEUE!, 'monthly-reports'));
      await schedule.trigger();
      const workflowId = await waitFor('the triggered round', async () => (await schedule.describe()).info.recentActions[0]?.action.workflow.workflowId);
      const result = await client.workflow.getHandle(workflowId).result();
      expect(result).toMatchObject({ month, reports: before.reports });
    } finally {
      await close();
    }
    expect(await countReports()).toEqual(before);
  });
});
