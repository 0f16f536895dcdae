import { addDaysIso, shanghaiDate, weekdayRule } from '../libs/calendar/working-days.js';
import { scheduleId } from '../libs/temporal/schedules.js';
import { publishResource } from './support/catalog.js';
import { adminPassword, createDepartmentWithPeople, environment, login, sql, temporalClient, waitFor, type ApiClient } from './support/harness.js';
import { openTaskOn, sharingApplication } from './support/sharing.js';

/**
 * Next year has no published arrangement in a fresh installation: its statutory holidays stand in, deadlines that
 * count its days are provisional, and importing the official notice moves them and re-arms their workflows.
 */
describe('a year whose official arrangement is not published yet', () => {
  const today = shanghaiDate(new Date());
  const year = Number(today.slice(0, 4)) + 1;
  /** The first Saturday of next year: the test's arrangement makes it an adjusted working day (调休上班). */
  let firstSaturday = `${year}-01-01`;
  while (weekdayRule(firstSaturday) || new Date(`${firstSaturday}T00:00:00Z`).getUTCDay() !== 6) firstSaturday = addDaysIso(firstSaturday, 1);
  const arrangement = {
    reference: `国办发明电〔${year - 1}〕测试号`,
    title: `国务院办公厅关于${year}年部分节假日安排的通知（测试）`,
    holidays: [{ name: '元旦', from: `${year}-01-01`, to: `${year}-01-01` }],
    workdays: [{ name: '元旦', date: firstSaturday }],
  };

  let admin: ApiClient;
  let infoOffice: ApiClient;
  let requesterStaff: ApiClient;
  let providerStaff: ApiClient;
  let originalPolicy: string;
  let originalRecheck: string;

  beforeAll(async () => {
    admin = await login('admin', adminPassword());
    infoOffice = await login('xinxiban.staff');
    const provider = await createDepartmentWithPeople(admin, 'CALP');
    const requester = await createDepartmentWithPeople(admin, 'CALR');
    providerStaff = await provider.staff();
    requesterStaff = await requester.staff();
    const policies = (await admin.get('/policies')).body as { key: string; value: string }[];
    originalPolicy = policies.find((p) => p.key === 'sharing.providerResponse')!.value;
    originalRecheck = policies.find((p) => p.key === 'task.deadlineRecheck')!.value;
  });

  afterAll(async () => {
    await admin.put('/policies/sharing.providerResponse', { value: originalPolicy });
    await admin.put('/policies/task.deadlineRecheck', { value: originalRecheck });
    // Leave the shared database as a fresh installation has it: next year provisional again.
    await sql(`delete from calendar_day where date between $1 and $2`, [`${year}-01-01`, `${year}-12-31`]);
    await sql(`delete from calendar_year where year = $1`, [year]);
  });

  it('shows next year as provisional, its statutory holidays by source, and explains a deadline that crosses into it', async () => {
    const years = (await infoOffice.get('/calendar/years')).body as { year: number; status: string; reference?: string }[];
    expect(years.find((y) => y.year === 2026)).toMatchObject({ status: 'official', reference: '国办发明电〔2025〕7号' });
    expect(years.find((y) => y.year === year)).toEqual({ year, status: 'provisional' });

    const days = (await infoOffice.get(`/calendar/days?from=${year - 1}-12-31&to=${year}-01-04`)).body as { date: string; isWorkingDay: boolean; source: string }[];
    expect(days.find((d) => d.date === `${year}-01-01`)).toMatchObject({ isWorkingDay: false, note: '元旦', source: 'statutory' });
    expect(days.find((d) => d.date === `${year - 1}-12-31`)?.source).toMatch(/^(weekday|official)$/);

    const from = `${year - 1}-12-24T10:00:00+08:00`;
    const explained = (await infoOffice.get(`/calendar/deadline?from=${encodeURIComponent(from)}&duration=10wd`)).body;
    expect(explained).toMatchObject({ from, duration: '10wd', provisional: true, provisionalReason: expect.stringContaining(`${year}年节假日安排尚未正式发布`) });
    expect(explained.countedDays).toHaveLength(10);
    expect(explained.countedDays.at(-1)).toBe(shanghaiDate(new Date(explained.dueAt)));
    expect(explained.skippedDays).toEqual(expect.arrayContaining([{ date: `${year}-01-01`, reason: '元旦', source: 'statutory' }]));
    expect(explained.countedDays).not.toContain(`${year}-01-01`);
  });

  it('marks a request’s provider deadline that counts next year’s days provisional; the import moves it and re-arms the workflow', async () => {
    // A provider answer period long enough to reach 20 January of next year from today.
    const span = (await infoOffice.get(`/calendar/days?from=${addDaysIso(today, 1)}&to=${year}-01-20`)).body as { isWorkingDay: boolean }[];
    const workingDays = span.filter((d) => d.isWorkingDay).length;
    expect((await admin.put('/policies/sharing.providerResponse', { value: `${workingDays}wd` })).status).toBe(200);
    // Workflows re-read a waiting deadline every `task.deadlineRecheck` (a day); a few seconds here, to see it happen.
    expect((await admin.put('/policies/task.deadlineRecheck', { value: 'PT2S' })).status).toBe(200);

    const resource = await publishResource(providerStaff, infoOffice, { sharingType: 'conditional' });
    const created = await requesterStaff.post('/sharing-requests', sharingApplication(resource.id));
    expect(created.status).toBe(201);
    const { id: taskId } = await openTaskOn(providerStaff, created.body.id, 'provider_review');
    const before = (await providerStaff.get(`/tasks/${taskId}`)).body;
    expect(before).toMatchObject({ provisional: true, provisionalReason: expect.stringContaining(`${year}年`) });
    // Counted by the statutory rule: New Year's Day is skipped, and the due date is the one the calendar explains.
    const expected = (await providerStaff.get(`/calendar/deadline?from=${encodeURIComponent(before.createdAt)}&duration=${workingDays}wd`)).body;
    expect(before.dueAt).toBe(expected.dueAt);
    expect(expected.skippedDays).toEqual(expect.arrayContaining([expect.objectContaining({ date: `${year}-01-01`, source: 'statutory' })]));
    const requestView = (await requesterStaff.get(`/sharing-requests/${created.body.id}`)).body;
    expect(requestView.openTasks).toEqual([expect.objectContaining({ id: taskId, dueAt: before.dueAt, provisional: true })]);

    // The reminder schedule of 1 November asks the info office to import next year.
    const { client, close } = await temporalClient();
    try {
      const schedule = client.schedule.getHandle(scheduleId(environment.env.TEMPORAL_TASK_QUEUE!, 'calendar-import'));
      await schedule.trigger();
      const importTask = await waitFor('the calendar_import task', async () => {
        const items = (await infoOffice.get('/tasks?kind=calendar_import')).body.items as { id: string; subjectId: string; dueAt: string }[];
        return items.find((task) => task.subjectId === String(year));
      });
      expect(importTask.dueAt).toBe(new Date(`${year - 1}-12-15T23:59:59.999+08:00`).toISOString());
      // By hand it cannot be completed while the year is still provisional.
      expect((await infoOffice.post(`/tasks/${importTask.id}/complete`, { outcome: 'imported' })).status).toBe(422);

      const filingsBefore = (await infoOffice.get('/filings?kind=calendar.arrangement_imported')).body.total as number;
      const imported = await infoOffice.post(`/calendar/years/${year}/arrangement`, arrangement);
      expect(imported.status).toBe(200);
      expect(imported.body).toMatchObject({ year, status: 'official', reference: arrangement.reference, changed: true, holidays: 1, adjustedWorkingDays: 1 });
      expect(imported.body.recomputation).toMatchObject({ status: 'done', cause: 'arrangement_import' });
      expect(imported.body.recomputedTasks).toEqual(expect.arrayContaining([expect.objectContaining({ id: taskId, previousDueAt: before.dueAt })]));

      // One more working day (the adjusted Saturday) before 20 January: the deadline came a working day earlier.
      const after = (await providerStaff.get(`/tasks/${taskId}`)).body;
      const recomputed = (await providerStaff.get(`/calendar/deadline?from=${encodeURIComponent(before.createdAt)}&duration=${workingDays}wd`)).body;
      expect(recomputed).toMatchObject({ provisional: false });
      expect(recomputed.countedDays).toContain(firstSaturday);
      expect(after).toMatchObject({ dueAt: recomputed.dueAt, provisional: false });
      expect(Date.parse(after.dueAt)).toBeLessThan(Date.parse(before.dueAt));

      // Weeks away still: the workflow, which re-reads its deadline every recheck period, needs no signal — it
      // reads the new due time by itself and from then on waits for that, not the old one.
      const [move] = await sql('select wake from calendar_recompute_move where job_id = $1 and task_id = $2', [imported.body.recomputation.id, taskId]);
      expect(move).toEqual({ wake: false });
      const handle = client.workflow.getHandle(`sharing-request-${created.body.id}`);
      await waitFor('the workflow to read its new deadline', async () => {
        const events = (await handle.fetchHistory()).events ?? [];
        const reads = new Set(events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'readTaskDeadline').map((e) => String(e.eventId)));
        return events.some((e) => {
          const completed = e.activityTaskCompletedEventAttributes;
          if (!completed || !reads.has(String(completed.scheduledEventId))) return false;
          const result = JSON.parse(Buffer.from(completed.result!.payloads![0].data!).toString('utf8'));
          return result.taskId === taskId && result.dueAt === after.dueAt;
        });
      });
      expect(((await handle.fetchHistory()).events ?? []).some((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'taskDeadlineChanged')).toBe(false);

      // The year is official, the import filed, and the reminder's task done by it.
      expect((await infoOffice.get('/calendar/years')).body.find((y: { year: number }) => y.year === year)).toMatchObject({ status: 'official', reference: arrangement.reference });
      const day = (await infoOffice.get(`/calendar/days?from=${firstSaturday}&to=${firstSaturday}`)).body[0];
      expect(day).toMatchObject({ isWorkingDay: true, source: 'official', note: '元旦调休上班' });
      const filings = (await infoOffice.get('/filings?kind=calendar.arrangement_imported')).body;
      expect(filings.total).toBe(filingsBefore + 1);
      expect(filings.items[0]).toMatchObject({ authority: 'info_office', subjectType: 'calendar_year', subjectId: String(year) });
      expect(filings.items[0].payload).toMatchObject({ reference: arrangement.reference, workdays: arrangement.workdays });
      expect((await infoOffice.get('/filings/verify')).body.ok).toBe(true);
      await waitFor('the calendar_import task to be done by the import', async () => {
        const task = (await infoOffice.get(`/tasks/${importTask.id}`)).body;
        return task.status === 'done' && task.outcome === 'imported';
      });

      // The same notice again changes nothing and files nothing.
      const again = await infoOffice.post(`/calendar/years/${year}/arrangement`, arrangement);
      expect(again.body).toMatchObject({ changed: false });
      expect((await infoOffice.get('/filings?kind=calendar.arrangement_imported')).body.total).toBe(filingsBefore + 1);
    } finally {
      await close();
    }
  });

  it('refuses a malformed or contradictory arrangement with nothing changed', async () => {
    const snapshot = () => sql(`select date::text, is_working_day, source from calendar_day where date between $1 and $2 order by date`, [`${year}-01-01`, `${year}-12-31`]);
    const before = await snapshot();
    const years = (await infoOffice.get('/calendar/years')).body;
    const refusals: [unknown, number][] = [
      [{ ...arrangement, holidays: [{ name: '元旦', from: `${year - 1}-12-31`, to: `${year}-01-01` }] }, 422],
      [{ ...arrangement, holidays: [...arrangement.holidays, { name: '重叠', from: `${year}-01-01`, to: `${year}-01-02` }] }, 422],
      [{ ...arrangement, workdays: [{ name: '元旦', date: `${year}-01-01` }] }, 422],
      [{ ...arrangement, holidays: [{ name: '元旦', from: `${year}-02-30`, to: `${year}-03-01` }] }, 422],
      [{ ...arrangement, reference: '' }, 400],
      [{ reference: 'x' }, 400],
    ];
    for (const [body, status] of refusals) {
      const response = await infoOffice.post(`/calendar/years/${year}/arrangement`, body);
      expect({ status: response.status, type: response.contentType }).toEqual({ status, type: expect.stringContaining('application/problem+json') });
    }
    // An .ics that is not one, and a staff member who may not import.
    const form = new FormData();
    form.append('file', new Blob(['not a calendar']), 'arrangement.ics');
    form.append('reference', 'x');
    const upload = await fetch(`${environment.apiUrl}/calendar/years/${year}/arrangement`, { method: 'POST', body: form, headers: { authorization: `Bearer ${infoOffice.token}` } });
    expect(upload.status).toBe(400);
    expect((await requesterStaff.post(`/calendar/years/${year}/arrangement`, arrangement)).status).toBe(403);
    expect(await snapshot()).toEqual(before);
    expect((await infoOffice.get('/calendar/years')).body).toEqual(years);
  });

  it('imports an .ics file, as the published holiday feeds write it', async () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      `X-GOV-REFERENCE:${arrangement.reference}`,
      'BEGIN:VEVENT',
      `DTSTART;VALUE=DATE:${year}0101`,
      `DTEND;VALUE=DATE:${year}0102`,
      'SUMMARY:元旦(休)',
      'END:VEVENT',
      'BEGIN:VEVENT',
      `DTSTART;VALUE=DATE:${firstSaturday.replaceAll('-', '')}`,
      `DTEND;VALUE=DATE:${addDaysIso(firstSaturday, 1).replaceAll('-', '')}`,
      'SUMMARY:元旦(班)',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const form = new FormData();
    form.append('file', new Blob([ics], { type: 'text/calendar' }), `${year}.ics`);
    form.append('title', arrangement.title);
    const response = await fetch(`${environment.apiUrl}/calendar/years/${year}/arrangement`, { method: 'POST', body: form, headers: { authorization: `Bearer ${infoOffice.token}` } });
    // The same days and reference as the JSON import before: nothing changes.
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ year, changed: false, reference: arrangement.reference });
  });

  it('bounds durations and dates to what the calendar can mean', async () => {
    for (const query of [
      'from=2026-12-24T10:00:00%2B08:00&duration=200000wd',
      'from=2026-12-24T10:00:00%2B08:00&duration=P14350000W',
      'from=9999-12-31T00:00:00%2B08:00&duration=2wd',
    ]) {
      const response = await infoOffice.get(`/calendar/deadline?${query}`);
      expect({ query, status: response.status }).toEqual({ query, status: 422 });
    }
    for (const path of ['/calendar/days?from=2099-02-30&to=2099-03-01', '/calendar/days?from=0000-01-01&to=0000-01-02']) {
      expect((await infoOffice.get(path)).status).toBe(400);
    }
    expect((await admin.put('/calendar/days/2099-02-30', { isWorkingDay: false, note: '' })).status).toBe(400);
  });
});
