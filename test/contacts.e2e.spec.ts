import { contactsRegisteredSignal } from '../workflows/contacts-campaign.workflow.js';
import {
  adminPassword,
  createDepartmentWithPeople,
  environment,
  login,
  sql,
  temporalClient,
  waitFor,
  type ApiClient,
} from './support/harness.js';

type Department = Awaited<ReturnType<typeof createDepartmentWithPeople>>;
interface TaskView {
  id: string;
  kind: string;
  subjectId: string;
  assigneeDepartmentId: string;
  dueAt: string;
  overdue: boolean;
  status: string;
  outcome?: string;
}
interface Standing {
  departmentId: string;
  status: string;
  registered: boolean;
  registeredAt: string | null;
  overdue: boolean;
}

const year = Number(
  new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()),
);

function contactsBody(label: string) {
  return {
    leader: {
      name: `${label}王局长`,
      title: '副局长',
      phone: '0737-4222001',
      email: 'leader@e2e.govshare.local',
    },
    business: { name: `${label}李科长`, title: '办公室主任', phone: '0737-4222002', mobile: '13800000002' },
    it: { name: `${label}张工`, title: '信息中心工程师', phone: '13800000003', email: null },
  };
}

describe('department contacts and the yearly contacts campaign', () => {
  let admin: ApiClient;
  let infoOffice: ApiClient;
  let supervisor: ApiClient;
  let onTime: Department;
  let late: Department;
  let missing: Department;
  let racing: Department;
  let onTimeStaff: ApiClient;
  let lateStaff: ApiClient;
  let missingStaff: ApiClient;

  beforeAll(async () => {
    admin = await login('admin', adminPassword());
    infoOffice = await login('xinxiban.staff');
    supervisor = await login('kaohe.supervisor');
    [onTime, late, missing] = [
      await createDepartmentWithPeople(admin, 'CONTON'),
      await createDepartmentWithPeople(admin, 'CONTLATE'),
      await createDepartmentWithPeople(admin, 'CONTMISS'),
    ];
    racing = await createDepartmentWithPeople(admin, 'CONTRACE');
    [onTimeStaff, lateStaff, missingStaff] = [
      await onTime.staff(),
      await late.staff(),
      await missing.staff(),
    ];
  });

  const registrations = async (departmentId: string) =>
    Number(
      (
        await sql<{ count: string }>('select count(*) from contact_registration where department_id = $1', [
          departmentId,
        ])
      )[0]!.count,
    );
  const contactsFilings = async (departmentId: string) =>
    (
      (await infoOffice.get(`/filings?subjectType=department&subjectId=${departmentId}`)).body.items as {
        kind: string;
        authority: string;
        payload: any;
      }[]
    ).filter((filing) => filing.kind === 'contacts.registered');

  async function campaignTask(client: ApiClient, departmentId: string, status: 'open' | 'done' = 'open') {
    return waitFor(`the ${status} contacts task of ${departmentId}`, async () => {
      const items = (await client.get(`/tasks?kind=contacts_registration&status=${status}&limit=200`)).body
        .items as TaskView[];
      return items.find(
        (task) => task.subjectId === String(year) && task.assigneeDepartmentId === departmentId,
      );
    });
  }

  async function standing(): Promise<Map<string, Standing>> {
    const response = await supervisor.get(`/supervision/contacts?year=${year}`);
    expect(response.status).toBe(200);
    return new Map((response.body.items as Standing[]).map((item) => [item.departmentId, item]));
  }

  it('refuses bad contacts, and contacts of another department, changing nothing', async () => {
    const invalid: [string, unknown][] = [
      ['no IT contact', { leader: contactsBody('').leader, business: contactsBody('').business }],
      [
        'a phone that is no number',
        { ...contactsBody(''), leader: { ...contactsBody('').leader, phone: '找办公室' } },
      ],
      [
        'a malformed e-mail',
        { ...contactsBody(''), it: { ...contactsBody('').it, email: 'not-an-address' } },
      ],
      ['a blank name', { ...contactsBody(''), business: { ...contactsBody('').business, name: '   ' } }],
      ['an unknown field', { ...contactsBody(''), deputy: contactsBody('').leader }],
    ];
    for (const [what, body] of invalid) {
      const response = await onTimeStaff.put(`/departments/${onTime.id}/contacts`, body);
      expect([what, response.status, response.contentType]).toEqual([
        what,
        400,
        expect.stringContaining('application/problem+json'),
      ]);
      expect(response.body.errors.length).toBeGreaterThan(0);
    }
    const malformedJson = await onTimeStaff.put(`/departments/${onTime.id}/contacts`, '{"leader":');
    expect(malformedJson.status).toBe(400);

    const gonganStaff = await login('gongan.staff');
    expect((await gonganStaff.put(`/departments/${onTime.id}/contacts`, contactsBody('冒名'))).status).toBe(
      403,
    );
    expect((await infoOffice.put(`/departments/${onTime.id}/contacts`, contactsBody('代填'))).status).toBe(
      403,
    );
    expect(
      (await onTimeStaff.put('/departments/00000000-0000-4000-8000-000000000000/contacts', contactsBody('')))
        .status,
    ).toBe(404);

    expect(await registrations(onTime.id)).toBe(0);
    expect(await contactsFilings(onTime.id)).toEqual([]);
    const seen = await supervisor.get(`/departments/${onTime.id}/contacts`);
    expect(seen.status).toBe(200);
    expect(seen.body.contacts).toBeNull();
    expect((await gonganStaff.get(`/departments/${onTime.id}/contacts`)).status).toBe(403);
  });

  it('opens the campaign once a year, and asks only the info office to open it', async () => {
    expect((await onTimeStaff.post('/supervision/contacts-campaigns', { year })).status).toBe(403);
    expect((await infoOffice.post('/supervision/contacts-campaigns', { year: 'this year' })).status).toBe(
      400,
    );
    const past = await infoOffice.post('/supervision/contacts-campaigns', {
      year,
      dueAt: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(past.status).toBe(422);
    expect((await sql('select 1 from contacts_campaign where year = $1', [year])).length).toBe(0);
    expect((await onTimeStaff.get(`/supervision/contacts?year=${year}`)).status).toBe(403);
  });

  it('asks every department by the deadline: one registers on time, one late after being marked overdue, one never', async () => {
    const reminderBefore = (await admin.get('/policies')).body.find(
      (p: { key: string }) => p.key === 'contacts.reminderBefore',
    ).value;
    expect((await admin.put('/policies/contacts.reminderBefore', { value: 'PT8S' })).status).toBe(200);
    try {
      await runCampaign();
    } finally {
      await admin.put('/policies/contacts.reminderBefore', { value: reminderBefore });
    }
  });

  async function runCampaign() {
    const dueAt = new Date(Date.now() + 15_000).toISOString();
    const opened = await infoOffice.post('/supervision/contacts-campaigns', { year, dueAt });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ year, dueAt, workflowId: `${environment.env.TEMPORAL_TASK_QUEUE}--contacts-campaign-${year}` });
    expect((await infoOffice.post('/supervision/contacts-campaigns', { year })).status).toBe(409);

    const [onTimeTask, lateTask, missingTask] = [
      await campaignTask(onTimeStaff, onTime.id),
      await campaignTask(lateStaff, late.id),
      await campaignTask(missingStaff, missing.id),
    ];
    for (const task of [onTimeTask, lateTask, missingTask])
      expect([task.dueAt, task.overdue]).toEqual([dueAt, false]);
    const before = await standing();
    expect([onTime.id, late.id, missing.id].map((id) => before.get(id)?.status)).toEqual([
      'pending',
      'pending',
      'pending',
    ]);

    // The task is done by registering, not by hand.
    const byHand = await onTimeStaff.post(`/tasks/${onTimeTask.id}/complete`, { outcome: 'register' });
    expect([byHand.status, byHand.body.detail]).toEqual([
      422,
      expect.stringContaining(`/departments/${onTime.id}/contacts`),
    ]);

    const registered = await onTimeStaff.put(`/departments/${onTime.id}/contacts`, contactsBody('准时'));
    expect(registered.status).toBe(200);
    expect(registered.body.contacts).toMatchObject({
      leader: {
        name: '准时王局长',
        title: '副局长',
        phone: '0737-4222001',
        email: 'leader@e2e.govshare.local',
      },
      business: { name: '准时李科长', mobile: '13800000002' },
      it: { name: '准时张工', email: null },
    });
    const form = await infoOffice.get(`/departments/${onTime.id}/contacts/document`);
    expect([form.status, form.contentType]).toEqual([200, expect.stringContaining('text/html')]);
    for (const text of [
      '分管负责人及联络人名单',
      '分管负责人',
      '准时王局长',
      '信息技术联络人',
      '13800000002',
    ])
      expect(form.body).toContain(text);
    const pdf = await fetch(`${environment.apiUrl}/departments/${onTime.id}/contacts/document`, {
      headers: { authorization: `Bearer ${onTimeStaff.token}`, accept: 'application/pdf' },
    });
    expect([pdf.status, pdf.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
    expect((await lateStaff.get(`/departments/${late.id}/contacts/document`)).status).toBe(404);
    const onTimeDone = await campaignTask(onTimeStaff, onTime.id, 'done');
    expect([onTimeDone.id, onTimeDone.outcome]).toEqual([onTimeTask.id, 'register']);
    const [filed] = await contactsFilings(onTime.id);
    expect(filed).toMatchObject({
      authority: 'info_office',
      payload: { year, contacts: { leader: { name: '准时王局长' } } },
    });

    // A department that joined after the campaign opened has no task; its registration counts all the same.
    const newcomer = await createDepartmentWithPeople(admin, 'CONTNEW');
    expect(
      (await (await newcomer.staff()).put(`/departments/${newcomer.id}/contacts`, contactsBody('新设')))
        .status,
    ).toBe(200);
    expect((await sql('select 1 from task where assignee_department_id = $1', [newcomer.id])).length).toBe(0);
    expect((await standing()).get(newcomer.id)).toMatchObject({
      status: 'on_time',
      registered: true,
      overdue: false,
    });

    // A bad update later changes nothing either.
    const bad = await onTimeStaff.put(`/departments/${onTime.id}/contacts`, {
      ...contactsBody('改'),
      leader: { name: '改' },
    });
    expect(bad.status).toBe(400);
    expect((await infoOffice.get(`/departments/${onTime.id}/contacts`)).body.contacts.leader.name).toBe(
      '准时王局长',
    );
    expect(await registrations(onTime.id)).toBe(1);

    const overdue = await waitFor('the late department to be marked overdue', async () => {
      const task = await campaignTask(lateStaff, late.id);
      return task.overdue ? task : undefined;
    });
    expect(overdue.id).toBe(lateTask.id);
    const reminder = await waitFor(
      'the late department to have been reminded before the deadline',
      async () => {
        const items = (await lateStaff.get('/notifications?limit=200')).body.items as {
          template: string;
          link: string;
          createdAt: string;
        }[];
        return items.find((n) => n.template === 'task-reminder' && n.link.endsWith(`/tasks/${lateTask.id}`));
      },
    );
    expect(Date.parse(reminder.createdAt)).toBeLessThan(Date.parse(dueAt));
    const afterDeadline = await standing();
    expect(afterDeadline.get(late.id)).toMatchObject({ status: 'missing', registered: false, overdue: true });

    expect((await lateStaff.put(`/departments/${late.id}/contacts`, contactsBody('迟报'))).status).toBe(200);
    expect((await campaignTask(lateStaff, late.id, 'done')).id).toBe(lateTask.id);

    const final = await infoOffice.get(`/supervision/contacts?year=${year}`);
    expect(final.status).toBe(200);
    expect(final.body).toMatchObject({ year, dueAt, campaign: { openedAt: expect.any(String) } });
    const items = new Map((final.body.items as Standing[]).map((item) => [item.departmentId, item]));
    expect(items.get(onTime.id)).toMatchObject({ status: 'on_time', registered: true, overdue: false });
    expect(Date.parse(items.get(onTime.id)!.registeredAt!)).toBeLessThanOrEqual(Date.parse(dueAt));
    expect(items.get(late.id)).toMatchObject({ status: 'late', registered: true, overdue: true });
    expect(Date.parse(items.get(late.id)!.registeredAt!)).toBeGreaterThan(Date.parse(dueAt));
    const firstPage = await infoOffice.get(`/supervision/contacts?year=${year}&limit=1`);
    expect(firstPage.body).toMatchObject({ items: [final.body.items[0]], total: final.body.total, summary: final.body.summary });
    expect(items.get(missing.id)).toMatchObject({
      status: 'missing',
      registered: false,
      registeredAt: null,
      overdue: true,
    });
    expect(final.body.summary.late).toBeGreaterThanOrEqual(1);
    expect(final.body.summary.onTime).toBeGreaterThanOrEqual(1);
    expect(final.body.total).toBe(final.body.items.length);

    // A registration the API could not match to a task (it was opening at that moment) makes the campaign withdraw the task.
    const racingTask = await campaignTask(await racing.staff(), racing.id);
    await sql(
      `insert into contact_registration (id, department_id, year, contacts, registered_by, registered_at)
       values (gen_random_uuid(), $1, $2, $3, $4, now())`,
      [racing.id, year, JSON.stringify(contactsBody('竞态')), racing.people.staff.id],
    );
    const temporal = await temporalClient();
    try {
      await temporal.client.workflow
        .getHandle(`${environment.env.TEMPORAL_TASK_QUEUE}--contacts-campaign-${year}`)
        .signal(contactsRegisteredSignal, { departmentId: racing.id });
    } finally {
      await temporal.close();
    }
    await waitFor(
      'the racing task to be withdrawn',
      async () =>
        (await sql<{ status: string }>('select status from task where id = $1', [racingTask.id]))[0]!
          .status === 'cancelled',
    );
    expect((await standing()).get(racing.id)).toMatchObject({ status: 'late', registered: true });

    // The department that never registered still has its task open, overdue.
    expect(await campaignTask(missingStaff, missing.id)).toMatchObject({ id: missingTask.id, overdue: true });
    expect((await infoOffice.get('/filings/verify')).body.ok).toBe(true);
  }
});
