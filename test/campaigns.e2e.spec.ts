import { crc32, deflateRawSync } from 'node:zlib';
import { addDaysIso, shanghaiDate } from '../libs/calendar/working-days.js';
import {
  adminPassword,
  createDepartmentWithPeople,
  environment,
  login,
  sql,
  waitFor,
  type ApiClient,
} from './support/harness.js';

type Department = Awaited<ReturnType<typeof createDepartmentWithPeople>>;

const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

/** A small but real PDF: the type is proven by its bytes. */
const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

/** A minimal zip (deflated entries), enough to look like an Office file to a reader of its directory. */
function zip(entries: { name: string; content: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = deflateRawSync(entry.content);
    const crc = crc32(entry.content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(entry.content.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    // The declared size lies (as a bomb's may): the reader must trust the inflated bytes, not this.
    central.writeUInt32LE(1024, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Files for a phase as multipart/form-data: the form as JSON text, the attachments as files. */
async function fileMultipart(
  client: ApiClient,
  path: string,
  fields: Record<string, unknown>,
  files: { name: string; content: Buffer; type?: string }[],
) {
  const form = new FormData();
  form.append('fields', JSON.stringify(fields));
  for (const file of files) form.append('files', new Blob([new Uint8Array(file.content)], { type: file.type ?? 'application/octet-stream' }), file.name);
  const response = await fetch(`${environment.apiUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${client.token}` },
    body: form,
  });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  return { status: response.status, contentType, body: contentType.includes('json') && text ? JSON.parse(text) : text };
}

interface TaskRow {
  id: string;
  task_key: string;
  status: string;
  overdue_at: Date | null;
  due_at: Date;
}

describe('filing campaigns: the key-project campaign in two batches', () => {
  let admin: ApiClient;
  let infoOffice: ApiClient;
  let filer: Department;
  let silent: Department;
  let filerStaff: ApiClient;
  let silentStaff: ApiClient;
  let campaignId: string;
  let batch1DueAt: string;
  let batch2DueAt: string;

  const taskOf = (kind: string, subjectId: string, departmentId: string | null, taskKey: string) =>
    waitFor(`${kind} ${taskKey} to open`, async () => {
      const rows = await sql<TaskRow>(
        `select id, task_key, status, overdue_at, due_at from task
         where kind = $1 and subject_id = $2 and assignee_department_id is not distinct from $3 and task_key = $4`,
        [kind, subjectId, departmentId, taskKey],
      );
      return rows[0];
    });
  const filingStatus = (filingId: string, status: string) =>
    waitFor(`filing ${filingId} to be ${status}`, async () => {
      const filing = (await infoOffice.get(`/campaigns/filings/${filingId}`)).body;
      return filing.status === status ? filing : undefined;
    });
  const counts = async () =>
    (
      await sql<{ blobs: number; filings: number }>(
        'select (select count(*)::int from attachment_blob) as blobs, (select count(*)::int from campaign_filing) as filings',
      )
    )[0]!;

  beforeAll(async () => {
    admin = await login('admin', adminPassword());
    infoOffice = await login('xinxiban.staff');
    filer = await createDepartmentWithPeople(admin, 'CAMPFILE');
    silent = await createDepartmentWithPeople(admin, 'CAMPNONE');
    filerStaff = await filer.staff();
    silentStaff = await silent.staff();
    // Short deadlines: the first batch a little ahead, the second soon after it.
    batch1DueAt = new Date(Date.now() + 40_000).toISOString();
    batch2DueAt = new Date(Date.now() + 50_000).toISOString();
    const started = await infoOffice.post('/campaigns/presets/key-projects/start', {
      year,
      phaseDeadlines: { 'batch-1': { at: batch1DueAt }, 'batch-2': { at: batch2DueAt } },
      audience: { kind: 'departments', departmentIds: [filer.id, silent.id] },
    });
    expect(started.status).toBe(201);
    campaignId = started.body.id;
    expect(started.body.definition.legalSource).toEqual({ seed: '000', article: '六(二)6、五(三)' });
    expect(started.body.departmentIds.sort()).toEqual([filer.id, silent.id].sort());
  });

  it('refuses a second start of the same preset for the year, and a department that is not the info office', async () => {
    const again = await infoOffice.post('/campaigns/presets/key-projects/start', { year, audience: { kind: 'departments', departmentIds: [filer.id] } });
    expect(again.status).toBe(409);
    expect(again.contentType).toContain('application/problem+json');
    const byDepartment = await filerStaff.post('/campaigns/presets/survey-round/start', { year });
    expect(byDepartment.status).toBe(403);
    const unknown = await infoOffice.post('/campaigns/presets/no-such-preset/start', { year });
    expect(unknown.status).toBe(404);
  });

  it('refuses bad uploads with 4xx problem+json and stores nothing', async () => {
    await taskOf('campaign_filing', `${campaignId}/batch-1`, silent.id, 'filing-1');
    const before = await counts();
    const path = `/campaigns/${campaignId}/phases/batch-1/filings`;
    const fields = { projectName: '某项目', budget: 100 };
    const oversized = await fileMultipart(silentStaff, path, fields, [{ name: 'big.pdf', content: Buffer.concat([PDF_BYTES, Buffer.alloc(10 * 1024 * 1024)]) }]);
    const disguised = await fileMultipart(silentStaff, path, fields, [{ name: 'plan.pdf', content: Buffer.from('#!/bin/sh\necho not a pdf\n'), type: 'application/pdf' }]);
    const empty = await fileMultipart(silentStaff, path, fields, [{ name: 'empty.pdf', content: Buffer.alloc(0) }]);
    const bomb = await fileMultipart(silentStaff, path, fields, [
      { name: 'project.docx', content: zip([{ name: 'word/document.xml', content: Buffer.alloc(110 * 1024 * 1024) }]) },
    ]);
    const badForm = await fileMultipart(silentStaff, path, { projectName: '某项目', budget: 'a lot' }, []);
    for (const refused of [oversized, disguised, empty, bomb, badForm]) {
      expect(refused.status).toBeGreaterThanOrEqual(400);
      expect(refused.status).toBeLessThan(500);
      expect(refused.contentType).toContain('application/problem+json');
    }
    expect(disguised.body.detail).toMatch(/no recognised type/);
    expect(bomb.body.detail).toMatch(/zip bomb/);
    expect(badForm.body.errors).toEqual([{ field: 'fields.budget', message: '预算（万元） must be a number' }]);
    expect(await counts()).toEqual(before);
    // Another department cannot file for this one's campaign tasks either: it is not asked.
    const outsider = await createDepartmentWithPeople(admin, 'CAMPOUT');
    const notAsked = await fileMultipart(await outsider.staff(), path, fields, []);
    expect(notAsked.status).toBe(403);
  });

  it('runs both batches: on time with an attachment, returned with opinions, corrected and accepted; late in the second; the roll per phase matches', async () => {
    // Batch 1, on time, with an attachment.
    await taskOf('campaign_filing', `${campaignId}/batch-1`, filer.id, 'filing-1');
    const first = await fileMultipart(filerStaff, `/campaigns/${campaignId}/phases/batch-1/filings`, { projectName: '政务数据共享平台二期', budget: 350 }, [
      { name: '项目申报书.pdf', content: PDF_BYTES, type: 'application/pdf' },
    ]);
    expect(first.status).toBe(201);
    expect(first.body.attachments).toEqual([
      expect.objectContaining({ filename: '项目申报书.pdf', type: 'pdf', mediaType: 'application/pdf', size: PDF_BYTES.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    ]);
    const sha256 = first.body.attachments[0].sha256 as string;
    const firstTask = await taskOf('campaign_filing', `${campaignId}/batch-1`, filer.id, 'filing-1');
    await waitFor('the first filing task to be done', async () =>
      (await sql<{ status: string }>('select status from task where id = $1', [firstTask.id]))[0]!.status === 'done' || undefined,
    );
    const twice = await fileMultipart(filerStaff, `/campaigns/${campaignId}/phases/batch-1/filings`, { projectName: '重复', budget: 1 }, []);
    expect(twice.status).toBe(409);

    // The attachment downloads for the department and the info office, not for another department.
    const download = await fetch(`${environment.apiUrl}/campaigns/filings/${first.body.id}/attachments/${sha256}`, { headers: { authorization: `Bearer ${infoOffice.token}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF_BYTES)).toBe(true);
    expect((await silentStaff.get(`/campaigns/filings/${first.body.id}/attachments/${sha256}`)).status).toBe(403);

    // The info office returns it with opinions: the roll shows it returned until corrected.
    const review1 = await taskOf('campaign_review', first.body.id, null, 'review-1');
    const returned = await infoOffice.post(`/tasks/${review1.id}/complete`, { outcome: 'return', comment: '请补充项目预算明细' });
    expect(returned.status).toBe(200);
    const returnedFiling = await filingStatus(first.body.id, 'returned');
    expect(returnedFiling.reviewOpinion).toBe('请补充项目预算明细');
    const whileReturned = (await infoOffice.get(`/campaigns/${campaignId}/roll`)).body;
    expect(whileReturned.phases[0].departments.find((d: { departmentId: string }) => d.departmentId === filer.id).standing).toBe('returned');

    // The corrected filing (JSON body, the same attachment kept by its content) is accepted and filed.
    await taskOf('campaign_filing', `${campaignId}/batch-1`, filer.id, 'filing-2');
    const corrected = await fileMultipart(filerStaff, `/campaigns/${campaignId}/phases/batch-1/filings`, { projectName: '政务数据共享平台二期', budget: 350, summary: '预算明细见附件' }, [
      { name: '项目申报书（修改）.pdf', content: PDF_BYTES, type: 'application/pdf' },
    ]);
    expect(corrected.status).toBe(201);
    expect(corrected.body.round).toBe(2);
    const review2 = await taskOf('campaign_review', corrected.body.id, null, 'review-2');
    expect((await infoOffice.post(`/tasks/${review2.id}/complete`, { outcome: 'accept' })).status).toBe(200);
    const accepted = await waitFor('the corrected filing to be filed', async () => {
      const filing = (await filerStaff.get(`/campaigns/filings/${corrected.body.id}`)).body;
      return filing.status === 'accepted' && filing.filingSeq ? filing : undefined;
    });
    const [ledger] = await sql<{ kind: string; authority: string; payload: { attachments: { sha256: string }[]; phaseKey: string } }>(
      'select kind, authority, payload from filing where seq = $1',
      [accepted.filingSeq],
    );
    expect(ledger).toMatchObject({ kind: 'campaign.filed', authority: 'info_office', payload: { phaseKey: 'batch-1', attachments: [{ sha256 }] } });
    expect((await sql('select count(*)::int as n from attachment_blob where sha256 = $1', [sha256]))[0]).toEqual({ n: 1 });

    // Batch 2: the task passes its deadline open and is marked overdue; the department files late.
    const batch2Task = await taskOf('campaign_filing', `${campaignId}/batch-2`, filer.id, 'filing-1');
    expect(new Date(batch2Task.due_at).toISOString()).toBe(batch2DueAt);
    await waitFor('the second batch task to be overdue', async () =>
      (await sql<TaskRow>('select overdue_at from task where id = $1', [batch2Task.id]))[0]!.overdue_at ? true : undefined,
    { timeoutMs: 90_000 });
    const late = await filerStaff.post(`/campaigns/${campaignId}/phases/batch-2/filings`, { fields: { projectName: '城市运行监测平台', budget: 120 } });
    expect(late.status).toBe(201);
    const review3 = await taskOf('campaign_review', late.body.id, null, 'review-1');
    expect((await infoOffice.post(`/tasks/${review3.id}/complete`, { outcome: 'accept' })).status).toBe(200);
    await filingStatus(late.body.id, 'accepted');

    // The roll: batch 1 on time (timed by the first filing), batch 2 late; the silent department missing in both.
    const roll = (await infoOffice.get(`/campaigns/${campaignId}/roll`)).body;
    const standing = (phase: number, departmentId: string) =>
      roll.phases[phase].departments.find((d: { departmentId: string }) => d.departmentId === departmentId);
    expect(roll.phases.map((phase: { key: string }) => phase.key)).toEqual(['batch-1', 'batch-2']);
    expect(standing(0, filer.id)).toMatchObject({ standing: 'on_time', rounds: 2, latestStatus: 'accepted', overdue: false });
    expect(standing(1, filer.id)).toMatchObject({ standing: 'late', rounds: 1, latestStatus: 'accepted', overdue: true });
    expect(standing(0, silent.id)).toMatchObject({ standing: 'missing', rounds: 0, latestFilingId: null });
    expect(standing(1, silent.id)).toMatchObject({ standing: 'missing', rounds: 0 });
    expect(roll.phases[0].summary).toEqual({ on_time: 1, late: 0, not_yet: 0, missing: 1, returned: 0 });
    expect(roll.phases[1].summary).toEqual({ on_time: 0, late: 1, not_yet: 0, missing: 1, returned: 0 });
    expect(roll.phases[0].dueAt).toBe(batch1DueAt);
    expect((await filerStaff.get(`/campaigns/${campaignId}/roll`)).status).toBe(403);

    // The bulletin lists the late filing and the missing ones (their tasks open past due).
    const today = shanghaiDate(new Date());
    // A period of its own (yesterday and today): the bulletins suite issues one for today alone.
    const bulletin = await infoOffice.post('/bulletins', { from: addDaysIso(today, -1), to: today });
    expect(bulletin.status).toBe(201);
    // The bulletins suite of the same run issues the periodic bulletin up to today: leave no bulletin of ours in its way
    // (its filing stays in the ledger, which is append-only).
    await sql('delete from bulletin where id = $1', [bulletin.body.id]);
    expect(bulletin.body.late).toContainEqual(
      expect.objectContaining({ departmentId: filer.id, what: 'late_campaign_filing', subjectType: 'campaign_filing', subjectId: late.body.id }),
    );
    for (const phase of ['batch-1', 'batch-2'])
      expect(bulletin.body.late).toContainEqual(
        expect.objectContaining({ departmentId: silent.id, what: 'overdue_task', subjectType: 'campaign_phase', subjectId: `${campaignId}/${phase}` }),
      );
    expect(bulletin.body.late.filter((item: { departmentId: string; what: string }) => item.departmentId === filer.id && item.what === 'overdue_task')).toEqual([]);

    // The assessment's indicator counts each filing task: the filer's three rounds, one late; the silent department's two, both missing.
    const month = today.slice(0, 7);
    const indicatorOf = async (departmentId: string) =>
      (await infoOffice.get(`/supervision/indicators?departmentId=${departmentId}&from=${month}&to=${month}`)).body.series[0].indicators.find(
        (indicator: { key: string }) => indicator.key === 'campaign_filings_on_time',
      );
    expect(await indicatorOf(filer.id)).toMatchObject({ numerator: 2, denominator: 3, exceptions: [{ type: 'task', id: batch2Task.id }] });
    expect(await indicatorOf(silent.id)).toMatchObject({ numerator: 0, denominator: 2 });

    // Verification: intact, then the stored bytes changed by SQL are detected, and no longer served.
    const intact = (await infoOffice.get(`/campaigns/filings/${corrected.body.id}/verify`)).body;
    expect(intact).toMatchObject({ ok: true, attachments: [{ sha256, ok: true, actualSha256: sha256 }], filed: { attachmentsMatch: true } });
    await sql(`update attachment_blob set content = content || '\\x00'::bytea where sha256 = $1`, [sha256]);
    const tampered = (await infoOffice.get(`/campaigns/filings/${corrected.body.id}/verify`)).body;
    expect(tampered.ok).toBe(false);
    expect(tampered.attachments[0]).toMatchObject({ sha256, stored: true, ok: false });
    expect(tampered.attachments[0].actualSha256).not.toBe(sha256);
    const refusedDownload = await infoOffice.get(`/campaigns/filings/${corrected.body.id}/attachments/${sha256}`);
    expect(refusedDownload.status).toBe(409);
    expect(refusedDownload.contentType).toContain('application/problem+json');
  }, 180_000);
});

describe('filing campaigns the info office configures', () => {
  let admin: ApiClient;
  let infoOffice: ApiClient;
  let department: Department;
  let staff: ApiClient;

  beforeAll(async () => {
    admin = await login('admin', adminPassword());
    infoOffice = await login('xinxiban.staff');
    department = await createDepartmentWithPeople(admin, 'CAMPCONF');
    staff = await department.staff();
  });

  const definition = (overrides: Record<string, unknown> = {}) => ({
    name: '区县电子政务工作计划备案（测试）',
    legalSource: { seed: '000', article: '六(二)5' },
    audience: { kind: 'departments', departmentIds: [department.id] },
    phases: [{ key: 'plan', name: '工作计划', deadline: { workingDays: 3 } }],
    form: [{ key: 'summary', label: '计划摘要', type: 'text', required: true }],
    attachments: null,
    review: false,
    ...overrides,
  });

  it('runs a campaign with a working-day deadline and no review: the filing is accepted and filed on submission', async () => {
    const duplicatePhases = await infoOffice.post('/campaigns', {
      year,
      definition: definition({ phases: [{ key: 'plan', name: 'a', deadline: { workingDays: 3 } }, { key: 'plan', name: 'b', deadline: { workingDays: 5 } }] }),
    });
    expect(duplicatePhases.status).toBe(422);
    const noTypes = await infoOffice.post('/campaigns', { year, definition: definition({ attachments: { minCount: 0, maxCount: 1, maxBytes: 1000, types: [] } }) });
    expect(noTypes.status).toBe(400);
    expect((await staff.post('/campaigns', { year, definition: definition() })).status).toBe(403);
    expect(await sql('select id from filing_campaign where name = $1', ['区县电子政务工作计划备案（测试）'])).toEqual([]);

    const opened = await infoOffice.post('/campaigns', { year, definition: definition() });
    expect(opened.status).toBe(201);
    const campaignId = opened.body.id as string;
    const task = await waitFor('the plan task to open', async () =>
      (
        await sql<{ id: string; deadline_policy: string; due_at: Date }>(
          `select id, deadline_policy, due_at from task where kind = 'campaign_filing' and subject_id = $1 and assignee_department_id = $2`,
          [`${campaignId}/plan`, department.id],
        )
      )[0],
    );
    expect(task.deadline_policy).toBe('3wd');
    expect(new Date(task.due_at).getTime()).toBeGreaterThan(Date.now());

    // This campaign takes no attachments, and the form's required field is required.
    const withFile = await fileMultipart(staff, `/campaigns/${campaignId}/phases/plan/filings`, { summary: '计划' }, [{ name: 'a.pdf', content: PDF_BYTES }]);
    expect(withFile.status).toBe(400);
    const noSummary = await staff.post(`/campaigns/${campaignId}/phases/plan/filings`, { fields: {} });
    expect([noSummary.status, noSummary.body.errors]).toEqual([400, [{ field: 'fields.summary', message: '计划摘要 is required' }]]);
    expect((await staff.post(`/campaigns/${campaignId}/phases/nope/filings`, { fields: { summary: 'x' } })).status).toBe(404);

    const filed = await staff.post(`/campaigns/${campaignId}/phases/plan/filings`, { fields: { summary: '全年推进政务信息资源共享' } });
    expect(filed.status).toBe(201);
    const accepted = await waitFor('the filing to be filed without review', async () => {
      const filing = (await staff.get(`/campaigns/filings/${filed.body.id}`)).body;
      return filing.status === 'accepted' && filing.filingSeq ? filing : undefined;
    });
    expect(accepted.reviewedBy).toBeNull();
    expect(await sql(`select id from task where kind = 'campaign_review' and subject_id = $1`, [filed.body.id])).toEqual([]);
    const roll = (await infoOffice.get(`/campaigns/${campaignId}/roll`)).body;
    expect(roll.phases[0]).toMatchObject({
      key: 'plan',
      dueAt: null,
      summary: { on_time: 1, late: 0, not_yet: 0, missing: 0, returned: 0 },
      departments: [{ departmentId: department.id, standing: 'on_time', dueAt: new Date(task.due_at).toISOString() }],
    });
  });

  it('pre-fills the database survey from the database registry', async () => {
    const name = `人口基础信息库-${department.code}`;
    const database = await staff.post('/databases', {
      name,
      description: '常住人口与流动人口基础信息',
      category: 'population',
      dataScale: { records: 1_000_000, volumeGb: 20 },
      storageLocation: '市政务云',
      storageSystem: 'PostgreSQL 16',
      contact: { name: '王力', phone: '010-6512 3456', email: 'wangli@example.gov.cn' },
      updateFrequency: 'daily',
      dataSubjects: ['自然人'],
    });
    expect(database.status).toBe(201);
    const started = await infoOffice.post('/campaigns/presets/database-survey/start', {
      year,
      phaseDeadlines: { survey: { at: new Date(Date.now() + 3_600_000).toISOString() } },
      audience: { kind: 'departments', departmentIds: [department.id] },
    });
    expect(started.status).toBe(201);
    // An audience of holders: the departments with a registered database, not those with a published resource only.
    // (A run whose seed publishes no resource has no holder of one: the campaign is then refused, 422.)
    const holders = async (resource: string) => {
      const opened = await infoOffice.post('/campaigns', { year, definition: definition({ name: `持有${resource}的部门`, audience: { kind: 'holders', resource } }) });
      if (opened.status === 422 && /names no department/.test(opened.body.detail)) return [];
      expect(opened.status).toBe(201);
      return opened.body.departmentIds as string[];
    };
    expect(await holders('government_database')).toContain(department.id);
    expect(await holders('catalog_resource')).not.toContain(department.id);

    const prefill = await staff.get(`/campaigns/${started.body.id}/phases/survey/prefill`);
    expect(prefill.body).toEqual({ campaignId: started.body.id, phaseKey: 'survey', departmentId: department.id, fields: { databaseCount: 1, databases: name } });
  });
});
