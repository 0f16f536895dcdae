import { parseConfig } from '../libs/config/app-config.js';
import { ensureSchedules, platformSchedules } from '../libs/temporal/schedules.js';
import { publishResource, resourceBody } from './support/catalog.js';
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

interface Lapse {
  id: string;
  resourceId: string;
  providerDepartmentId: string;
  frequency: string;
  rule: string;
  dueAt: string;
  status: 'open' | 'resolved';
  resolvedAt?: string;
  resolvedByUpdateId?: string;
  task?: { id: string; status: string };
}

interface TaskView {
  id: string;
  kind: string;
  subjectId: string;
  assigneeDepartmentId?: string;
  assigneeRole: string;
  status: string;
  dueAt: string;
}

const SHORT_INTERVALS = ['update.interval.daily'];

describe('update compliance (seed 003)', () => {
  let admin: ApiClient;
  let infoOffice: ApiClient;
  let supervisor: ApiClient;
  let provider: Department;
  let providerStaff: ApiClient;
  let outsider: ApiClient;
  const previous = new Map<string, string>();

  const lapsesOf = async (resourceId: string) =>
    (await infoOffice.get(`/supervision/update-compliance?resourceId=${resourceId}`)).body.items as Lapse[];
  const dataUpdateTask = (lapseId: string) =>
    waitFor('the provider’s data_update task', async () => {
      const items = (await providerStaff.get('/tasks?kind=data_update&limit=200')).body.items as TaskView[];
      return items.find((task) => task.subjectId === lapseId);
    });
  const filingsOf = async (lapseId: string) =>
    (await infoOffice.get(`/filings?subjectType=update_lapse&subjectId=${lapseId}`)).body.items as { kind: string; payload: Record<string, unknown> }[];

  beforeAll(async () => {
    admin = await login('admin', adminPassword());
    infoOffice = await login('xinxiban.staff');
    supervisor = await login('kaohe.supervisor');
    outsider = await login('minzheng.staff');
    provider = await createDepartmentWithPeople(admin, 'UPDC');
    providerStaff = await provider.staff();
    const policies = (await admin.get('/policies')).body as { key: string; value: string }[];
    for (const key of SHORT_INTERVALS) {
      previous.set(key, policies.find((policy) => policy.key === key)!.value);
      expect((await admin.put(`/policies/${key}`, { value: 'PT2S' })).status).toBe(200);
    }
  });

  afterAll(async () => {
    for (const [key, value] of previous) await admin.put(`/policies/${key}`, { value });
    await makeGoodEveryOpenLapse(infoOffice);
  });

  it('runs as this deployment’s own Temporal Schedule, which workers starting together ensure without failing', async () => {
    const { client, close } = await temporalClient();
    try {
      const taskQueue = environment.env.TEMPORAL_TASK_QUEUE!;
      const registry = platformSchedules(parseConfig(environment.env));
      const [first, second] = await Promise.all([ensureSchedules(client, taskQueue, registry), ensureSchedules(client, taskQueue, registry)]);
      expect(first).toEqual(registry.map((entry) => `${taskQueue}--${entry.key}`));
      expect(first).toContain(`${taskQueue}--update-compliance`);
      expect(second).toEqual(first);
      const description = await client.schedule.getHandle(`${taskQueue}--update-compliance`).describe();
      expect(description.action).toEqual(expect.objectContaining({ workflowType: 'updateComplianceSweepWorkflow', taskQueue }));
      expect(description.spec.intervals?.[0]?.every).toBe(5_000);
      expect(description.policies.overlap).toBe('SKIP');
    } finally {
      await close();
    }
  });

  it('records a missed daily update once, asks the provider to update, and closes when the provider records it', async () => {
    const resource = await publishResource(providerStaff, infoOffice, { updateFrequency: 'daily' });
    const publishedAt = Date.parse((await providerStaff.get(`/catalog/resources/${resource.id}`)).body.publishedAt);

    // Triggered by hand, two sweeps at once, until the 2-second interval has passed and they find it.
    const lapse = await waitFor(
      'the sweep to record the lapse',
      async () => {
        const runs = await Promise.all([infoOffice.post('/supervision/update-compliance/run'), infoOffice.post('/supervision/update-compliance/run')]);
        for (const run of runs) {
          expect(run.status).toBe(200);
          expect(run.body.checked).toBeGreaterThanOrEqual(1);
        }
        return (await lapsesOf(resource.id))[0];
      },
      { intervalMs: 500 },
    );
    expect(lapse).toEqual(expect.objectContaining({ providerDepartmentId: provider.id, frequency: 'daily', rule: 'frequency', status: 'open' }));
    expect(Math.abs(Date.parse(lapse.dueAt) - (publishedAt + 2_000))).toBeLessThan(1_000);

    const task = await dataUpdateTask(lapse.id);
    expect(task).toEqual(expect.objectContaining({ assigneeDepartmentId: provider.id, assigneeRole: 'staff', status: 'open' }));
    await waitFor('the lapse to name its task', async () => (await lapsesOf(resource.id))[0]?.task?.id === task.id);

    // Running the sweep again records nothing twice.
    for (let i = 0; i < 2; i++) expect((await infoOffice.post('/supervision/update-compliance/run')).status).toBe(200);
    expect((await lapsesOf(resource.id)).map((l) => l.id)).toEqual([lapse.id]);
    const [{ count }] = await sql<{ count: string }>("select count(*) from task where kind = 'data_update' and subject_id = $1", [lapse.id]);
    expect(Number(count)).toBe(1);

    // Only the provider department records updates, of published resources it may see.
    expect((await outsider.post(`/catalog/resources/${resource.id}/updates`, { note: '越权登记' })).status).toBe(403);
    expect((await infoOffice.post(`/catalog/resources/${resource.id}/updates`, {})).status).toBe(403);
    expect((await providerStaff.post(`/catalog/resources/${resource.id}/updates`, { note: 42 })).status).toBe(400);
    expect((await providerStaff.post('/catalog/resources/00000000-0000-4000-8000-000000000000/updates', {})).status).toBe(404);
    const draft = await providerStaff.post('/catalog/resources', resourceBody({ updateFrequency: 'weekly' }));
    expect((await outsider.post(`/catalog/resources/${draft.body.id}/updates`, {})).status).toBe(404);
    const notPublished = await providerStaff.post(`/catalog/resources/${draft.body.id}/updates`, {});
    expect(notPublished.status).toBe(409);
    expect(notPublished.contentType).toContain('application/problem+json');
    expect((await lapsesOf(resource.id))[0]!.status).toBe('open');

    const recorded = await providerStaff.post(`/catalog/resources/${resource.id}/updates`, { note: '已更新至当日数据' });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toEqual(expect.objectContaining({ resourceId: resource.id, providerDepartmentId: provider.id, note: '已更新至当日数据' }));

    const resolved = await waitFor('the lapse to be resolved', async () => {
      const found = (await lapsesOf(resource.id)).find((l) => l.id === lapse.id);
      return found?.status === 'resolved' ? found : undefined;
    });
    expect(resolved.resolvedByUpdateId).toBe(recorded.body.id);
    expect(resolved.resolvedAt).toBe(recorded.body.recordedAt);
    const closed = (await providerStaff.get(`/tasks/${task.id}`)).body;
    expect(closed).toEqual(expect.objectContaining({ status: 'done' }));

    const filings = await waitFor('the outcome to be filed', async () => ((await filingsOf(lapse.id)).length ? filingsOf(lapse.id) : undefined));
    expect(filings).toEqual([
      expect.objectContaining({
        kind: 'update_lapse.resolved',
        payload: expect.objectContaining({ resourceId: resource.id, outcome: 'updated', updateId: recorded.body.id, taskId: task.id }),
      }),
    ]);
    expect((await infoOffice.get('/filings/verify')).body).toEqual(expect.objectContaining({ ok: true }));
    await waitFor('the provider to be told', async () =>
      ((await providerStaff.get('/notifications')).body.items as { template: string }[]).some((n) => n.template === 'update-lapse-resolved'),
    );
    const updates = (await providerStaff.get(`/catalog/resources/${resource.id}/updates`)).body;
    expect(updates.items.map((u: { id: string }) => u.id)).toContain(recorded.body.id);

    // Supervisors see every department; a department sees only its own.
    expect((await supervisor.get(`/supervision/update-compliance?departmentId=${provider.id}`)).body.items.map((l: Lapse) => l.id)).toContain(lapse.id);
    const own = (await providerStaff.get('/supervision/update-compliance')).body.items as Lapse[];
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((l) => l.providerDepartmentId === provider.id)).toBe(true);
    expect((await outsider.get('/supervision/update-compliance')).body.items.map((l: Lapse) => l.id)).not.toContain(lapse.id);
    expect((await outsider.get(`/supervision/update-compliance?departmentId=${provider.id}`)).status).toBe(403);
    expect((await providerStaff.post('/supervision/update-compliance/run')).status).toBe(403);
  });

  it('finds a lapse on its schedule by itself, and completing the task records the update', async () => {
    const resource = await publishResource(providerStaff, infoOffice, { updateFrequency: 'daily' });
    // Nobody triggers the sweep here: the run's schedule fires every 5 seconds.
    const lapse = await waitFor('the scheduled sweep to record the lapse', async () => (await lapsesOf(resource.id))[0], { timeoutMs: 30_000 });
    const task = await dataUpdateTask(lapse.id);

    expect((await outsider.post(`/tasks/${task.id}/complete`, { outcome: 'updated' })).status).toBe(404);
    expect((await providerStaff.post(`/tasks/${task.id}/complete`, { outcome: 'approve' })).status).toBe(422);
    const completed = await providerStaff.post(`/tasks/${task.id}/complete`, { outcome: 'updated', comment: '已补充更新本月数据' });
    expect(completed.status).toBe(200);
    expect(completed.body).toEqual(expect.objectContaining({ lapseId: lapse.id, status: 'resolved' }));

    const updates = (await providerStaff.get(`/catalog/resources/${resource.id}/updates`)).body.items as { id: string; note: string; sourceTaskId?: string }[];
    expect(updates).toEqual([expect.objectContaining({ note: '已补充更新本月数据', sourceTaskId: task.id })]);
    const resolved = (await lapsesOf(resource.id)).find((l) => l.id === lapse.id)!;
    expect(resolved).toEqual(expect.objectContaining({ status: 'resolved', resolvedByUpdateId: updates[0]!.id }));
    expect((await filingsOf(lapse.id)).map((f) => f.kind)).toEqual(['update_lapse.resolved']);
    expect((await providerStaff.post(`/tasks/${task.id}/complete`, { outcome: 'updated' })).status).toBe(409);
  });
});

/**
 * While the daily interval was 2 seconds every daily resource of earlier suites lapsed too: their
 * providers record an update so that no data_update task of this suite is left in anyone's inbox.
 */
async function makeGoodEveryOpenLapse(infoOffice: ApiClient) {
  const providers = new Map<string, ApiClient>();
  const providerOf = async (departmentId: string) => {
    if (!providers.has(departmentId)) {
      const [staff] = await sql<{ username: string }>(
        "select username from app_user where department_id = $1 and active and roles && '{staff,head}' order by username desc limit 1",
        [departmentId],
      );
      const client = await login(staff!.username).catch(() => login(staff!.username, 'e2e-password'));
      providers.set(departmentId, client);
    }
    return providers.get(departmentId)!;
  };
  await waitFor(
    'every lapse left open to be made good',
    async () => {
      const open = (await infoOffice.get('/supervision/update-compliance?status=open&limit=200')).body.items as Lapse[];
      const resources = new Map(open.map((lapse) => [lapse.resourceId, lapse.providerDepartmentId]));
      for (const [resourceId, departmentId] of resources) {
        await (await providerOf(departmentId)).post(`/catalog/resources/${resourceId}/updates`, { note: '测试结束补登' });
      }
      return open.length === 0;
    },
    { timeoutMs: 60_000, intervalMs: 1_000 },
  );
}
