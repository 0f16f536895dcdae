import { ROLES, type Role } from '../../libs/domain/roles.js';
import { collectionDeclaration, databaseFiling, type Caller, type Subjects } from './access-rules.js';
import { publishResource, resourceBody } from './catalog.js';
import {
  adminPassword,
  createDepartmentWithPeople,
  login,
  requestAcknowledgement,
  unique,
  waitFor,
  type ApiClient,
} from './harness.js';
import { sharingApplication } from './sharing.js';

export interface SignedInCaller {
  caller: Exclude<Caller, 'anonymous'>;
  label: string;
  client: ApiClient;
}

async function created(what: string, answer: Promise<{ status: number; body: any }>) {
  const { status, body } = await answer;
  if (status !== 200 && status !== 201) throw new Error(`${what}: ${status} ${JSON.stringify(body)}`);
  return body;
}

/** Departments A and B with one member per role each, signed in: the callers of the matrix. */
export async function signedInCallers(admin: ApiClient, label: string) {
  const departments: Record<'A' | 'B', { id: string; code: string }> = {} as never;
  const callers: SignedInCaller[] = [];
  for (const side of ['A', 'B'] as const) {
    const code = unique(`${label}-${side}`).toUpperCase();
    const department = await created(
      'a department',
      admin.post('/departments', { code, name: `${label} ${side} ${code}`, level: 'city' }),
    );
    departments[side] = { id: department.id, code };
    for (const role of ROLES) {
      const username = `${code.toLowerCase()}.${role}`;
      await created(
        'a user',
        admin.post('/users', {
          username,
          password: 'e2e-password',
          displayName: `${side} ${role}`,
          departmentId: department.id,
          roles: [role],
        }),
      );
      callers.push({
        caller: { role, department: side },
        label: `${role}@${side}`,
        client: await login(username, 'e2e-password'),
      });
    }
  }
  const as = (role: Role, side: 'A' | 'B' = 'A') =>
    callers.find((c) => c.caller.role === role && c.caller.department === side)!.client;
  return { departments, callers, as };
}

/**
 * The subjects the rules name: each of department A, created through the API as its users would. `slot` keeps the
 * city-wide ones of two suites of one run apart (a month's round, a bulletin's range and an assessment year are each
 * opened once).
 */
export async function createSubjects(label: string, slot: number) {
  const admin = await login('admin', adminPassword());
  const { departments, callers, as } = await signedInCallers(admin, label);
  const a = departments.A.id;
  const staffA = as('staff');
  const infoOffice = as('info_office');
  const other = await createDepartmentWithPeople(admin, `${label}-C`);
  const staffC = await other.staff();

  const usernameA = `${departments.A.code.toLowerCase()}.signin`;
  await created(
    'a user',
    admin.post('/users', {
      username: usernameA,
      password: 'e2e-password',
      displayName: 'A 登录',
      departmentId: a,
      roles: ['staff'],
    }),
  );
  const target = await created(
    'a user',
    admin.post('/users', {
      username: `${departments.A.code.toLowerCase()}.target`,
      password: 'e2e-password',
      displayName: 'A 目标',
      departmentId: a,
      roles: ['staff'],
    }),
  );

  // Published and open to the public, so the public catalog shows it too.
  const publishedResource = (await publishResource(staffA, infoOffice, { openScope: 'public' })).id;
  const draftResource = (await created('a draft', staffA.post('/catalog/resources', resourceBody()))).id;
  const resourceOfC = (await publishResource(staffC, infoOffice)).id;
  const sharingRequest = (
    await created('a sharing request', staffA.post('/sharing-requests', sharingApplication(resourceOfC)))
  ).id;
  const { acknowledgementId, taskId } = await requestAcknowledgement(admin, a);
  const notification = await waitFor('the in-app notification of the task', async () => {
    const items = (await staffA.get('/notifications?unread=true')).body.items as {
      id: string;
      link: string;
    }[];
    return items.find((item) => item.link.endsWith(`/tasks/${taskId}`))?.id;
  });
  const database = (
    await created('a database', staffA.post('/databases', databaseFiling(unique('矩阵数据库'))))
  ).id;
  const demand = (
    await created(
      'a demand',
      staffA.post('/demands', {
        dataName: unique('矩阵需求'),
        expectedProviderDepartmentId: other.id,
        content: '按月提供',
        purpose: '核定补贴',
        updateFrequency: 'monthly',
      }),
    )
  ).id;
  const collection = (
    await created(
      'a collection registration',
      staffA.post('/collections', collectionDeclaration(unique('矩阵数据项'))),
    )
  ).id;

  // A round of monthly reports for a month no other suite uses, and a bulletin over a range no other suite issues.
  const month = `2001-${String(slot).padStart(2, '0')}`;
  await created(
    'a round of monthly reports',
    infoOffice.post('/monthly-reports/rounds', {
      month,
      dueAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    }),
  );
  const monthlyReport = await waitFor('the monthly report of department A', async () => {
    const items = (await infoOffice.get(`/monthly-reports?month=${month}&departmentId=${a}`)).body.items as {
      id: string;
    }[];
    return items[0]?.id;
  });
  const person = { name: '王力', title: '科长', phone: '010-6512 3456' };
  await created(
    'the contacts of department A',
    staffA.put(`/departments/${a}/contacts`, { leader: person, business: person, it: person }),
  );
  const bulletin = (
    await created(
      'a bulletin',
      infoOffice.post('/bulletins', { from: `2002-${month.slice(5)}-01`, to: `2002-${month.slice(5)}-28` }),
    )
  ).id;
  const assessmentYear = 2099 - slot;
  await created(
    'an assessment year',
    as('supervisor').post('/assessments', { year: assessmentYear, departmentIds: [a] }),
  );

  const subjects: Subjects = {
    departmentA: a,
    departmentB: departments.B.id,
    departmentC: other.id,
    userA: target.id,
    usernameA,
    publishedResource,
    draftResource,
    resourceOfC,
    sharingRequest,
    task: taskId,
    acknowledgement: acknowledgementId,
    database,
    demand,
    collection,
    monthlyReport,
    bulletin,
    assessmentYear,
    notification,
    policyKey: 'objection.verification',
    dataItemOfC: '公民身份号码',
    unique,
  };
  return { admin, callers, as, subjects };
}
