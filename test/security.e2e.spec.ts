import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { adminPassword, anonymous, createDepartmentWithPeople, environment, login, sql, temporalClient, unique, waitFor, type ApiClient } from './support/harness.js';
import { publishResource, resourceBody } from './support/catalog.js';
import { openTaskOn, sharingApplication } from './support/sharing.js';
import { xlsxBomb, zipArchive } from './support/zip.js';

const databaseAttributes = (name: string) => ({
  name,
  description: '流动人口登记、居住证办理与服务管理数据',
  category: 'population',
  dataScale: { records: 1_250_000, volumeGb: 86.5 },
  storageLocation: '市政务云',
  storageSystem: 'PostgreSQL 16',
  contact: { name: '王力', phone: '010-6512 3456' },
  updateFrequency: 'daily',
  dataSubjects: ['自然人'],
});

/** A request with a body sent as given (raw JSON text, a content type of the test's choosing). */
async function send(client: ApiClient, method: string, path: string, body: string, contentType = 'application/json') {
  const response = await fetch(`${environment.apiUrl}${path}`, {
    method,
    headers: { 'content-type': contentType, ...(client.token ? { authorization: `Bearer ${client.token}` } : {}) },
    body,
  });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, contentType: type, body: type.includes('json') && text ? JSON.parse(text) : text };
}

const problem = (status: number) => ({ status, contentType: expect.stringContaining('application/problem+json'), body: expect.objectContaining({ status }) });

const rowCounts = async () =>
  (await sql<{ resources: number; databases: number; demands: number }>(
    `select (select count(*) from catalog_resource)::int as resources, (select count(*) from government_database)::int as databases,
            (select count(*) from data_demand)::int as demands`,
  ))[0];

describe('hostile text refused at the edge', () => {
  let staff: ApiClient;

  beforeAll(async () => {
    staff = await login('gongan.staff');
  });

  it('refuses a NUL byte in a query string or a path with 400 problem+json', async () => {
    for (const path of ['/public/catalog/resources?q=%00', '/filings?kind=%00', '/catalog/resources?q=a%00b', '/tasks/%00', '/catalog/resources/%ED%A0%80']) {
      const answer = await staff.get(path);
      expect({ path, ...answer }).toMatchObject({ path, ...problem(400) });
    }
    expect((await anonymous.get('/public/catalog/resources?q=%00')).status).toBe(400);
  });

  it('refuses a NUL byte or a lone surrogate anywhere in a JSON body, and writes nothing', async () => {
    const before = await rowCounts();
    const nul = await staff.post('/databases', databaseAttributes(`流动人口\u0000信息库`));
    expect(nul).toMatchObject(problem(400));
    expect(nul.body.errors).toEqual([expect.objectContaining({ field: 'body.name' })]);

    const loneSurrogate = await send(staff, 'POST', '/catalog/resources', JSON.stringify(resourceBody()).replace('"常住人口', '"\\ud800常住人口'));
    expect(loneSurrogate).toMatchObject(problem(400));
    const nested = await staff.post('/catalog/resources', resourceBody({ dataItems: [{ name: 'a', description: 'x\u0000', dataType: 'string', openScope: 'public' }] }));
    expect(nested).toMatchObject(problem(400));
    expect((await staff.post('/demands', { title: '\udc00', description: 'x' })).status).toBe(400);
    expect(await rowCounts()).toEqual(before);

    const emoji = await staff.post('/catalog/resources', resourceBody({ name: unique('人口 😀 𠀀') }));
    expect(emoji.status).toBe(201); // surrogate pairs are well-formed text
  });
});

describe('response headers and protocol edges', () => {
  it('sends CSP, nosniff, frame and referrer protection, and no X-Powered-By', async () => {
    const admin = await login('admin', adminPassword());
    const department = await createDepartmentWithPeople(admin, 'HDR');
    const filed = await (await department.staff()).post('/databases', databaseAttributes(unique('人口库')));
    const document = await (await department.staff()).fetchAs(`/databases/${filed.body.id}/document`, 'text/html');
    expect(document.status).toBe(200);
    expect(document.headers.get('content-type')).toContain('text/html');
    for (const response of [document, await fetch(`${environment.apiUrl}/health`), await fetch(`${environment.apiUrl}/no-such-route`)]) {
      // Framed by no other site (the web app's own pages preview documents in a frame of this origin).
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
    const docsPage = await fetch(new URL('/api/docs', environment.apiUrl));
    expect(docsPage.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(docsPage.headers.get('x-powered-by')).toBeNull();
  });

  it('answers an oversized query string with 431 problem+json', async () => {
    const response = await fetch(`${environment.apiUrl}/public/catalog/resources?q=${'a'.repeat(50_000)}`);
    expect(response.status).toBe(431);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 431 });
  });

  it('refuses bodies declared in a charset other than UTF-8 with 415 problem+json, and writes nothing', async () => {
    const staff = await login('gongan.staff');
    const before = await rowCounts();
    const body = JSON.stringify({ title: unique('需求'), description: '+ADw-script+AD4-' });
    for (const charset of ['utf-7', 'UTF-16', 'iso-8859-1', 'x-unknown']) {
      const answer = await send(staff, 'POST', '/demands', body, `application/json; charset=${charset}`);
      expect({ charset, ...answer }).toMatchObject({ charset, ...problem(415) });
    }
    expect(await rowCounts()).toEqual(before);
    const utf8 = await send(staff, 'POST', '/departments', '{"code": ', 'application/json; charset=utf-8');
    expect(utf8.status).toBe(400); // declared UTF-8 goes on to be parsed
  });
});

describe('permanent activity failures', () => {
  it('fails a workflow whose activity meets input PostgreSQL refuses, after one attempt, instead of retrying for ever', async () => {
    const [department] = await sql<{ id: string }>(`select id from department where code <> '' order by code limit 1`);
    const [admin] = await sql<{ id: string }>(`select id from app_user where username = 'admin'`);
    const { client, close } = await temporalClient();
    try {
      // Started past the API (which refuses such text at the edge), as a bug or a replayed old input could.
      const handle = await client.workflow.start('acknowledgementWorkflow', {
        workflowId: `acknowledgement-nul-${randomUUID()}`,
        taskQueue: environment.env.TEMPORAL_TASK_QUEUE!,
        args: [{ acknowledgementId: randomUUID(), title: 'NUL \u0000 byte', departmentId: department!.id, deadline: 'PT5M', requestedBy: admin!.id }],
      });
      const status = await waitFor('the workflow to fail', async () => {
        const name = (await handle.describe()).status.name;
        return name === 'RUNNING' ? undefined : name;
      });
      expect(status).toBe('FAILED');
      const events = (await handle.fetchHistory()).events ?? [];
      const attempts = events.filter((event) => event.activityTaskStartedEventAttributes).map((event) => event.activityTaskStartedEventAttributes!.attempt);
      expect(attempts).toEqual([1]);
      const failure = events.find((event) => event.activityTaskFailedEventAttributes)?.activityTaskFailedEventAttributes?.failure;
      expect(failure?.applicationFailureInfo).toMatchObject({ type: 'PermanentDataError', nonRetryable: true });
    } finally {
      await close();
    }
  });
});

describe('no existence oracles across departments, and typed negotiation terms', () => {
  let provider: Awaited<ReturnType<typeof createDepartmentWithPeople>>;
  let requester: Awaited<ReturnType<typeof createDepartmentWithPeople>>;
  let third: Awaited<ReturnType<typeof createDepartmentWithPeople>>;
  let providerStaff: ApiClient;
  let requesterStaff: ApiClient;
  let thirdStaff: ApiClient;

  beforeAll(async () => {
    const admin = await login('admin', adminPassword());
    [provider, requester, third] = [await createDepartmentWithPeople(admin, 'ORP'), await createDepartmentWithPeople(admin, 'ORR'), await createDepartmentWithPeople(admin, 'ORT')];
    [providerStaff, requesterStaff, thirdStaff] = [await provider.staff(), await requester.staff(), await third.staff()];
  });

  /** The answer with the id it names blanked, so answers about different ids compare. */
  const shape = (answer: { status: number; body: { detail?: string } }, id: string) => ({ status: answer.status, detail: answer.body.detail?.replace(id, '<id>') });

  it('answers 404, as for an unknown id, when completing another department’s task', async () => {
    const draft = await providerStaff.post('/catalog/resources', resourceBody());
    await providerStaff.post(`/catalog/resources/${draft.body.id}/submit`);
    const conditional = await publishResource(providerStaff, await login('xinxiban.staff'), { sharingType: 'conditional' });
    const applied = await requesterStaff.post('/sharing-requests', sharingApplication(conditional.id));
    const review = await openTaskOn(providerStaff, applied.body.id, 'provider_review');
    const unknown = randomUUID();
    for (const caller of [requesterStaff, thirdStaff]) {
      expect((await caller.get(`/tasks/${review.id}`)).status).toBe(404);
      const completing = await caller.post(`/tasks/${review.id}/complete`, { outcome: 'approve' });
      expect(shape(completing, review.id)).toEqual(shape(await caller.post(`/tasks/${unknown}/complete`, { outcome: 'approve' }), unknown));
      expect(completing.status).toBe(404);
    }
  });

  it('answers 404, as for an unknown id, when submitting another department’s draft, whatever its state', async () => {
    const draft = (await providerStaff.post('/catalog/resources', resourceBody())).body.id as string;
    const inReview = (await providerStaff.post('/catalog/resources', resourceBody())).body.id as string;
    expect((await providerStaff.post(`/catalog/resources/${inReview}/submit`)).status).toBe(200);
    const unknown = randomUUID();
    const forUnknown = shape(await thirdStaff.post(`/catalog/resources/${unknown}/submit`), unknown);
    expect(forUnknown.status).toBe(404);
    for (const id of [draft, inReview]) expect(shape(await thirdStaff.post(`/catalog/resources/${id}/submit`), id)).toEqual(forUnknown);
    expect((await providerStaff.post(`/catalog/resources/${inReview}/submit`)).status).toBe(409); // its own department still learns why
  });

  it('tells an onward applicant who may not see a grant only that no such grant fits, whatever the grant is', async () => {
    const unconditional = await publishResource(providerStaff, await login('xinxiban.staff'), { sharingType: 'unconditional' });
    const validUntil = new Date(Date.now() + 180 * 86_400_000).toISOString();
    const granted = await requesterStaff.post('/sharing-requests', sharingApplication(unconditional.id, { validUntil }));
    expect(granted.body.status).toBe('granted');
    const grantId = (await requesterStaff.get(`/sharing-requests/${granted.body.id}`)).body.grant.id as string;
    const before = await sql('select count(*)::int as n from sharing_request');
    const onward = (sourceGrantId: string, overrides: Record<string, unknown> = {}) =>
      thirdStaff.post('/sharing-requests', { ...sharingApplication(unconditional.id, { dataItems: ['姓名'] }), sourceGrantId, ...overrides });

    const unknown = randomUUID();
    const forUnknown = shape(await onward(unknown), unknown);
    expect(forUnknown.status).toBe(404);
    const misfits = [
      await onward(grantId, { dataItems: ['姓名', '户籍所在地行政区划代码'] }), // items beyond the grant
      await onward(grantId, { validUntil: new Date(Date.now() + 366 * 86_400_000).toISOString() }), // longer than the grant
      await onward(grantId, { resourceId: (await publishResource(providerStaff, await login('xinxiban.staff'), { sharingType: 'unconditional' })).id }),
    ];
    for (const answer of misfits) expect(shape(answer, grantId)).toEqual(forUnknown);
    expect(JSON.stringify(misfits.map((answer) => answer.body))).not.toMatch(/户籍|not active|source grant/);
    expect(await sql('select count(*)::int as n from sharing_request')).toEqual(before);

    // The grant's holder may see it, and is still told what is wrong.
    const byHolder = await requesterStaff.post('/sharing-requests', { ...sharingApplication(unconditional.id, { dataItems: ['姓名'] }), sourceGrantId: grantId });
    expect(byHolder.status).toBe(422);
  });

  it('refuses a counter-offer whose terms are of the wrong types with 422 problem+json, leaving the task open', async () => {
    const conditional = await publishResource(providerStaff, await login('xinxiban.staff'), { sharingType: 'conditional' });
    const applied = await requesterStaff.post('/sharing-requests', sharingApplication(conditional.id));
    const review = await openTaskOn(providerStaff, applied.body.id, 'provider_review');
    for (const payload of [{ scope: { $ne: null } }, { scope: 42 }, { dataItems: '姓名' }, { dataItems: [{}] }, { method: 'carrier-pigeon' }, { validUntil: 'tomorrow' }]) {
      const answer = await providerStaff.post(`/tasks/${review.id}/complete`, { outcome: 'counter_offer', payload });
      expect({ payload, ...answer }).toMatchObject({ payload, ...problem(422) });
    }
    expect((await providerStaff.get(`/tasks/${review.id}`)).body.status).toBe('open');
    const fair = await providerStaff.post(`/tasks/${review.id}/complete`, { outcome: 'counter_offer', payload: { scope: '仅限核验科室' } });
    expect(fair.status).toBe(200);
  });
});

describe('references and numbers checked', () => {
  it('refuses a database naming catalog resources that do not exist or are another department’s drafts (422), and files nothing', async () => {
    const admin = await login('admin', adminPassword());
    const [owner, other] = [await createDepartmentWithPeople(admin, 'DBREF'), await createDepartmentWithPeople(admin, 'DBREF-O')];
    const [ownerStaff, otherStaff] = [await owner.staff(), await other.staff()];
    const othersDraft = (await otherStaff.post('/catalog/resources', resourceBody())).body.id as string;
    const othersPublished = (await publishResource(otherStaff, await login('xinxiban.staff'))).id;
    const ownDraft = (await ownerStaff.post('/catalog/resources', resourceBody())).body.id as string;
    const before = await rowCounts();

    for (const catalogResourceIds of [[randomUUID()], [othersDraft], [ownDraft, othersDraft]]) {
      const refused = await ownerStaff.post('/databases', { ...databaseAttributes(unique('人口库')), catalogResourceIds });
      expect({ catalogResourceIds, ...refused }).toMatchObject({ catalogResourceIds, ...problem(422) });
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'catalogResourceIds' })]);
      expect(refused.body.detail).not.toContain(ownDraft);
    }
    expect(await rowCounts()).toEqual(before);

    const filed = await ownerStaff.post('/databases', { ...databaseAttributes(unique('人口库')), catalogResourceIds: [ownDraft, othersPublished] });
    expect(filed.status).toBe(201);
    const update = await ownerStaff.post(`/databases/${filed.body.id}/steps`, { step: 'update', changes: { catalogResourceIds: [othersDraft] } });
    expect(update).toMatchObject(problem(422));
  });

  it('bounds assessment weights to 0–100', async () => {
    const supervisor = await login('kaohe.supervisor');
    for (const weight of [1e308, 101, -1]) {
      expect(await supervisor.put('/assessments/2099/weights', { on_time_answers: weight })).toMatchObject(problem(422));
    }
    expect((await supervisor.put('/assessments/2099/weights', { on_time_answers: 100 })).status).toBe(404); // a fair weight, for a year not opened
  });
});

describe('a zip bomb in an Excel import', () => {
  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const upload = async (client: ApiClient, file: Buffer) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)], { type: XLSX }), '数据提供调查表.xlsx');
    const response = await fetch(`${environment.apiUrl}/catalog/imports`, { method: 'POST', headers: { authorization: `Bearer ${client.token}` }, body: form });
    const contentType = response.headers.get('content-type') ?? '';
    return { status: response.status, contentType, body: JSON.parse(await response.text()) };
  };
  /** The API's resident memory, in MB (Linux). */
  const apiMemoryMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${environment.pids.api}/status`, 'utf8'))![1]) / 1024;

  it('refuses a 100 KB .xlsx whose shared strings inflate to 100 MB with 422 problem+json, before parsing it', async () => {
    const staff = await login('gongan.staff');
    const before = await rowCounts();
    const memoryBefore = apiMemoryMb();
    const honest = xlsxBomb(100 * 1024 * 1024);
    const lying = xlsxBomb(100 * 1024 * 1024, { declaredSize: 2_000 });
    expect(honest.length).toBeLessThan(200 * 1024);
    for (const bomb of [honest, lying]) {
      const started = performance.now();
      const answer = await upload(staff, bomb);
      expect(answer).toMatchObject({ status: 422, contentType: expect.stringContaining('application/problem+json') });
      expect(answer.body.detail).toMatch(/refused: (it inflates to more than|its entries declare)/);
      expect(performance.now() - started).toBeLessThan(5_000);
    }
    const many = zipArchive(Array.from({ length: 2_001 }, (_, i) => ({ name: `xl/worksheets/sheet${i}.xml`, content: '<worksheet/>' })));
    expect(await upload(staff, many)).toMatchObject({ status: 422, body: { detail: expect.stringContaining('2001 entries') } });
    expect(apiMemoryMb() - memoryBefore).toBeLessThan(150);
    expect(await rowCounts()).toEqual(before);
    expect((await anonymous.get('/health')).status).toBe(200);
  });
});

describe('the audit log of confidential documents', () => {
  it('records who read a confidential resource’s sharing documents, for the secrecy bureau and the info office, and nothing for others', async () => {
    const admin = await login('admin', adminPassword());
    const [provider, requester] = [await createDepartmentWithPeople(admin, 'AUDP'), await createDepartmentWithPeople(admin, 'AUDR')];
    const [providerStaff, requesterStaff] = [await provider.staff(), await requester.staff()];
    const infoOffice = await login('xinxiban.staff');
    const confidential = await publishResource(providerStaff, infoOffice, { confidential: true, sharingType: 'conditional' });
    const ordinary = await publishResource(providerStaff, infoOffice, { sharingType: 'conditional' });
    const secret = (await requesterStaff.post('/sharing-requests', sharingApplication(confidential.id))).body.id as string;
    const plain = (await requesterStaff.post('/sharing-requests', sharingApplication(ordinary.id))).body.id as string;

    expect((await requesterStaff.get(`/sharing-requests/${secret}/documents/application`)).status).toBe(200);
    expect((await requesterStaff.fetchAs(`/sharing-requests/${secret}/documents/application`, 'application/pdf')).status).toBe(200);
    expect((await requesterStaff.get(`/sharing-requests/${plain}/documents/application`)).status).toBe(200);

    for (const reader of [await login('baomi.filer'), infoOffice]) {
      const entries = (await reader.get(`/audit-log?action=confidential_document_read&subjectId=${secret}`)).body;
      expect(entries).toMatchObject({ total: 2, items: [{ username: requester.people.staff.username, details: { document: 'application', format: 'pdf' } }, { details: { format: 'html' } }] });
    }
    expect((await infoOffice.get(`/audit-log?action=confidential_document_read&subjectId=${plain}`)).body.total).toBe(0);

    // The catalog entry of the confidential resource, and an export holding it, are audited; the ordinary one's entry is not.
    expect((await requesterStaff.get(`/catalog/resources/${confidential.id}/documents/entry`)).status).toBe(200);
    expect((await requesterStaff.get(`/catalog/resources/${ordinary.id}/documents/entry`)).status).toBe(200);
    expect((await infoOffice.get(`/audit-log?action=confidential_document_read&subjectId=${confidential.id}`)).body).toMatchObject({
      total: 1,
      items: [{ subjectType: 'catalog_resource', username: requester.people.staff.username, details: { document: 'entry' } }],
    });
    expect((await infoOffice.get(`/audit-log?action=confidential_document_read&subjectId=${ordinary.id}`)).body.total).toBe(0);
    const exported = await requesterStaff.fetchAs(`/catalog/exports/resources?providerDepartmentId=${provider.id}`, '*/*');
    expect(exported.status).toBe(200);
    const exports = (await infoOffice.get(`/audit-log?action=confidential_export&username=${requester.people.staff.username}`)).body;
    expect(exports).toMatchObject({ total: 1, items: [{ details: { resourceIds: [confidential.id] } }] });
    expect((await requesterStaff.get('/audit-log')).status).toBe(403);
    await expect(sql(`update audit_log set username = 'someone-else' where subject_id = $1`, [secret])).rejects.toThrow(/append-only/);
  });
});
