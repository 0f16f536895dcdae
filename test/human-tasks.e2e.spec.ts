import { adminPassword, createDepartmentWithPeople, login, requestAcknowledgement, sql, waitFor, type ApiClient } from './support/harness.js';

describe('human tasks owned by a workflow', () => {
  let admin: ApiClient;
  let department: Awaited<ReturnType<typeof createDepartmentWithPeople>>;

  beforeAll(async () => {
    admin = await login('admin', adminPassword());
    department = await createDepartmentWithPeople(admin, 'TASKS');
  });

  it('lists the open task in the assignee’s inbox with its deadline', async () => {
    const { taskId, acknowledgementId } = await requestAcknowledgement(admin, department.id, '3wd');
    const staff = await department.staff();
    const inbox = await staff.get('/tasks?status=open&kind=acknowledgement');
    const task = inbox.body.items.find((item: { id: string }) => item.id === taskId);
    expect(task).toMatchObject({
      kind: 'acknowledgement',
      subjectType: 'acknowledgement',
      subjectId: acknowledgementId,
      assigneeRole: 'staff',
      assigneeDepartmentId: department.id,
      overdue: false,
      status: 'open',
    });
    // 3 working days end at 23:59:59.999 Asia/Shanghai.
    expect(new Date(task.dueAt).toISOString()).toMatch(/T15:59:59\.999Z$/);
    const dueTimes = inbox.body.items.map((item: { dueAt: string }) => item.dueAt);
    expect(dueTimes).toEqual([...dueTimes].sort());
  });

  it('completes through the API, then refuses a second completion and a foreign user', async () => {
    const { taskId, acknowledgementId } = await requestAcknowledgement(admin, department.id);
    const staff = await department.staff();
    const outsider = await login('minzheng.staff');

    expect((await staff.post(`/tasks/${taskId}/complete`, { outcome: 'decline' })).status).toBe(422);
    expect((await staff.post(`/tasks/${taskId}/complete`, { outcome: 'approve' })).status).toBe(422);
    expect((await outsider.post(`/tasks/${taskId}/complete`, { outcome: 'acknowledge' })).status).toBe(404);

    const head = await department.head();
    const done = await head.post(`/tasks/${taskId}/complete`, { outcome: 'decline', comment: '本部门不涉及该事项' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ acknowledgementId, status: 'declined', by: department.people.head.id, filingSeq: expect.any(Number) });

    const again = await staff.post(`/tasks/${taskId}/complete`, { outcome: 'acknowledge' });
    expect(again.status).toBe(409);
    expect(again.contentType).toContain('application/problem+json');

    const [row] = await sql('select status, outcome, comment, completed_by from task where id = $1', [taskId]);
    expect(row).toEqual({ status: 'done', outcome: 'decline', comment: '本部门不涉及该事项', completed_by: department.people.head.id });
    const filings = await admin.get(`/filings?subjectType=acknowledgement&subjectId=${acknowledgementId}`);
    expect(filings.body.items).toEqual([
      expect.objectContaining({ kind: 'acknowledgement.decline', authority: 'info_office', payload: expect.objectContaining({ comment: '本部门不涉及该事项' }) }),
    ]);
  });

  it('gives one of two simultaneous completions 200 and the other 409', async () => {
    const { taskId } = await requestAcknowledgement(admin, department.id);
    const [staff, head] = [await department.staff(), await department.head()];
    const results = await Promise.all([
      staff.post(`/tasks/${taskId}/complete`, { outcome: 'acknowledge' }),
      head.post(`/tasks/${taskId}/complete`, { outcome: 'acknowledge' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await sql('select count(*)::int as n from filing where subject_id = (select subject_id from task where id = $1)', [taskId])).toEqual([{ n: 1 }]);
  });

  it('lets the info office reassign an open task to another department, and nobody else', async () => {
    const other = await createDepartmentWithPeople(admin, 'TASKS2');
    const { taskId } = await requestAcknowledgement(admin, department.id);
    const staff = await department.staff();
    const infoOffice = await login('xinxiban.staff');

    expect((await staff.post(`/tasks/${taskId}/reassign`, { assigneeDepartmentId: other.id })).status).toBe(403);
    expect((await infoOffice.post(`/tasks/${taskId}/reassign`, { assigneeRole: 'secrecy_bureau' })).status).toBe(422);
    expect((await infoOffice.post(`/tasks/${taskId}/reassign`, {})).status).toBe(400);
    const moved = await infoOffice.post(`/tasks/${taskId}/reassign`, { assigneeDepartmentId: other.id });
    expect(moved).toMatchObject({ status: 200, body: { id: taskId, assigneeDepartmentId: other.id, status: 'open' } });

    expect((await staff.post(`/tasks/${taskId}/complete`, { outcome: 'acknowledge' })).status).toBe(404);
    expect((await (await other.staff()).post(`/tasks/${taskId}/complete`, { outcome: 'acknowledge' })).status).toBe(200);
  });

  it('marks a task overdue when its short deadline passes and takes the timeout path', async () => {
    const { taskId, acknowledgementId } = await requestAcknowledgement(admin, department.id, 'PT2S');
    const staff = await department.staff();
    const state = await waitFor('the acknowledgement to expire', async () => {
      const response = await staff.get(`/acknowledgements/${acknowledgementId}`);
      return response.body.status === 'expired' ? response.body : undefined;
    });
    expect(state.filingSeq).toEqual(expect.any(Number));

    const task = (await staff.get(`/tasks/${taskId}`)).body;
    expect(task).toMatchObject({ status: 'expired', overdue: true });
    expect((await staff.get('/tasks?status=done&overdue=true')).body.items.map((t: { id: string }) => t.id)).toContain(taskId);
    expect((await staff.post(`/tasks/${taskId}/complete`, { outcome: 'acknowledge' })).status).toBe(409);

    const filings = await admin.get(`/filings?subjectId=${acknowledgementId}`);
    expect(filings.body.items.map((f: { kind: string }) => f.kind)).toEqual(['acknowledgement.expired']);
    const overdueNotices = await sql("select count(*)::int as n from notification where template = 'task-overdue' and data->>'title' = (select title from task where id = $1)", [taskId]);
    expect(overdueNotices[0]!.n).toBeGreaterThan(0);
  });

  it('sends a reminder before the deadline', async () => {
    const previous = (await admin.get('/policies')).body.find((p: { key: string }) => p.key === 'task.reminderBefore').value;
    expect((await admin.put('/policies/task.reminderBefore', { value: 'PT3S' })).status).toBe(200);
    try {
      const { taskId } = await requestAcknowledgement(admin, department.id, 'PT5S');
      const [task] = await sql<{ remind_at: Date; due_at: Date }>('select remind_at, due_at from task where id = $1', [taskId]);
      expect(task!.due_at.getTime() - task!.remind_at.getTime()).toBe(3000);
      await waitFor('the reminder to be sent', async () => (await sql('select 1 from task where id = $1 and reminded_at is not null', [taskId])).length > 0);
      const staff = await department.staff();
      const notices = await waitFor('the in-app reminder', async () => {
        const items = (await staff.get('/notifications?limit=200')).body.items as { template: string; link: string }[];
        return items.find((n) => n.template === 'task-reminder' && n.link.endsWith(`/tasks/${taskId}`));
      });
      expect(notices.link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/tasks\//);
    } finally {
      await admin.put('/policies/task.reminderBefore', { value: previous });
    }
  });
});

describe('policies', () => {
  it('accepts working days and ISO-8601 durations and refuses anything else', async () => {
    const admin = await login('admin', adminPassword());
    const keys = (await admin.get('/policies')).body.map((p: { key: string }) => p.key);
    expect(keys).toEqual(
      expect.arrayContaining(['catalog.review', 'sharing.providerResponse', 'sharing.counterOfferResponse', 'sharing.reminderBefore', 'escalation.coordination', 'escalation.leadershipDecision', 'agreement.signature', 'agreement.filing', 'collection.review']),
    );
    expect((await admin.put('/policies/catalog.review', { value: 'ten days' })).status).toBe(422);
    expect((await admin.put('/policies/no.such.policy', { value: '5wd' })).status).toBe(404);
    expect((await (await login('gongan.staff')).put('/policies/catalog.review', { value: '5wd' })).status).toBe(403);
    expect((await admin.put('/policies/catalog.review', { value: 'P3D' })).body).toMatchObject({ key: 'catalog.review', value: 'P3D' });
    expect((await admin.put('/policies/catalog.review', { value: '5wd' })).status).toBe(200);
  });
});
