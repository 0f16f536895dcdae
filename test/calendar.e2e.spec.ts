import { adminPassword, createDepartmentWithPeople, login, requestAcknowledgement, sql, temporalClient, waitFor, type ApiClient } from './support/harness.js';

const dayOf = (days: { date: string; isWorkingDay: boolean; note: string }[], date: string) => days.find((d) => d.date === date)!;

describe('working-day calendar', () => {
  let staff: ApiClient;
  beforeAll(async () => {
    staff = await login('gongan.staff');
  });

  it('holds the official holidays and adjusted working days of the 2025 Spring Festival', async () => {
    const days = (await staff.get('/calendar/days?from=2025-01-25&to=2025-02-09')).body;
    expect(days).toHaveLength(16);
    expect(dayOf(days, '2025-01-26')).toMatchObject({ isWorkingDay: true, note: expect.stringContaining('调休') });
    for (const date of ['2025-01-28', '2025-01-31', '2025-02-04']) {
      expect(dayOf(days, date)).toMatchObject({ isWorkingDay: false, note: '春节' });
    }
    expect(dayOf(days, '2025-02-05').isWorkingDay).toBe(true);
    expect(dayOf(days, '2025-02-08')).toMatchObject({ isWorkingDay: true });
    expect(dayOf(days, '2025-02-09')).toMatchObject({ isWorkingDay: false });
  });

  it.each([
    // An event on 27 Jan 2025: the holiday runs 28 Jan – 4 Feb, so one working day ends on 5 Feb.
    ['2025-01-27T10:00:00+08:00', '1wd', '2025-02-05T15:59:59.999Z'],
    // Sunday 26 Jan 2025 is an adjusted working day: it is the first working day after the 25th.
    ['2025-01-25T10:00:00+08:00', '1wd', '2025-01-26T15:59:59.999Z'],
    // National Day 2025 (1–8 Oct), adjusted working days Sun 28 Sep and Sat 11 Oct.
    ['2025-09-26T10:00:00+08:00', '10wd', '2025-10-16T15:59:59.999Z'],
    // Spring Festival 2026 (15–23 Feb), adjusted working days Sat 14 Feb and Sat 28 Feb.
    ['2026-02-13T10:00:00+08:00', '2wd', '2026-02-24T15:59:59.999Z'],
    ['2026-02-24T10:00:00+08:00', '4wd', '2026-02-28T15:59:59.999Z'],
    // National Day 2026 (1–7 Oct), adjusted working day Sat 10 Oct.
    ['2026-09-30T10:00:00+08:00', '2wd', '2026-10-09T15:59:59.999Z'],
    ['2026-10-09T10:00:00+08:00', '1wd', '2026-10-10T15:59:59.999Z'],
    ['2026-10-09T10:00:00+08:00', 'P3D', '2026-10-12T02:00:00.000Z'],
  ])('a step starting %s with %s falls due at %s', async (from, duration, dueAt) => {
    const response = await staff.get(`/calendar/deadline?from=${encodeURIComponent(from)}&duration=${duration}`);
    expect(response.body).toMatchObject({ from, duration, dueAt, provisional: false });
  });

  it('rejects malformed ranges, dates and durations', async () => {
    expect((await staff.get('/calendar/days?from=2025-02-01&to=2025-01-01')).status).toBe(400);
    expect((await staff.get('/calendar/days?from=yesterday&to=2025-01-01')).status).toBe(400);
    expect((await staff.get('/calendar/deadline?from=2025-01-01T00:00:00%2B08:00&duration=soon')).status).toBe(422);
    expect((await staff.put('/calendar/days/2025-01-02', { isWorkingDay: false, note: '' })).status).toBe(403);
  });

  it('recomputes an open task’s deadline when a day within it changes; only a deadline that comes earlier wakes its workflow', async () => {
    const admin = await login('admin', adminPassword());
    const department = await createDepartmentWithPeople(admin, 'CAL');
    // A workflow that would not look at its task again before its new time: only a signal can move its timer.
    const recheck = (await admin.get('/policies')).body.find((p: { key: string }) => p.key === 'task.deadlineRecheck').value;
    await admin.put('/policies/task.deadlineRecheck', { value: 'P366D' });
    const { taskId, workflowId } = await requestAcknowledgement(admin, department.id, '3wd').finally(() => admin.put('/policies/task.deadlineRecheck', { value: recheck }));
    const before = (await admin.get(`/tasks/${taskId}`)).body.dueAt as string;
    const dueDate = shanghaiDate(before);
    const { client, close } = await temporalClient();
    const signalsTo = async () =>
      ((await client.workflow.getHandle(workflowId).fetchHistory()).events ?? []).filter(
        (e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'taskDeadlineChanged',
      ).length;

    const marked = await admin.put(`/calendar/days/${dueDate}`, { isWorkingDay: false, note: '临时调整（测试）' });
    try {
      expect(marked.status).toBe(200);
      expect(marked.body).toMatchObject({ date: dueDate, isWorkingDay: false, source: 'manual', updatedBy: expect.any(String) });
      expect(marked.body.recomputedTasks).toEqual(expect.arrayContaining([expect.objectContaining({ id: taskId })]));
      expect(marked.body.recomputation).toMatchObject({ status: 'done', cause: 'day_edit', fromDate: dueDate, toDate: dueDate });
      const after = (await admin.get(`/tasks/${taskId}`)).body.dueAt as string;
      const expected = (await admin.get(`/calendar/deadline?from=${encodeURIComponent(before)}&duration=1wd`)).body.dueAt;
      expect(after).toBe(expected);
      // Moved later: the workflow finds the new time when its old timer fires, so it is not woken.
      const [move] = await sql('select wake from calendar_recompute_move where job_id = $1 and task_id = $2', [marked.body.recomputation.id, taskId]);
      expect(move).toEqual({ wake: false });
      expect(await signalsTo()).toBe(0);
    } finally {
      const restored = await admin.put(`/calendar/days/${dueDate}`, { isWorkingDay: true, note: '' });
      expect(restored.status).toBe(200);
    }
    try {
      expect((await admin.get(`/tasks/${taskId}`)).body.dueAt).toBe(before);
      // Moved earlier again: the workflow would sleep past it, so it is told, and reads its task.
      await waitFor('the workflow to re-read its deadline', async () => {
        const events = (await client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
        const signalled = events.findIndex((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'taskDeadlineChanged');
        return signalled >= 0 && events.slice(signalled).some((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'readTaskDeadline');
      });
    } finally {
      await close();
    }
    const [day] = await sql('select source from calendar_day where date = $1', [dueDate]);
    expect(day).toEqual({ source: 'manual' });
  });
});

function shanghaiDate(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
