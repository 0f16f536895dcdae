import {
  adminPassword,
  createDepartmentWithPeople,
  killWorker,
  login,
  requestAcknowledgement,
  sql,
  startWorker,
  waitFor,
  type ApiClient,
} from './support/harness.js';

describe('a worker that dies while workflows wait', () => {
  let admin: ApiClient;
  let department: Awaited<ReturnType<typeof createDepartmentWithPeople>>;

  beforeAll(async () => {
    admin = await login('admin', adminPassword());
    department = await createDepartmentWithPeople(admin, 'CRASH');
  });

  it('accepts a completion sent while it is down and finishes it once it is back', async () => {
    const { taskId, acknowledgementId } = await requestAcknowledgement(admin, department.id);
    const staff = await department.staff();
    await killWorker();
    const completion = staff.post(`/tasks/${taskId}/complete`, { outcome: 'acknowledge' });
    await startWorker();
    const response = await completion;
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'acknowledged' });
    expect(await sql('select status from task where id = $1', [taskId])).toEqual([{ status: 'done' }]);
    expect(await sql('select kind from filing where subject_id = $1', [acknowledgementId])).toEqual([{ kind: 'acknowledgement.acknowledge' }]);
  });

  it('takes the timeout path after a restart when the deadline passed while it was down', async () => {
    const { taskId, acknowledgementId } = await requestAcknowledgement(admin, department.id, 'PT3S');
    await killWorker();
    const [{ due_at: dueAt }] = await sql<{ due_at: Date }>('select due_at from task where id = $1', [taskId]);
    await waitFor('the deadline to pass', () => Date.now() > dueAt.getTime() + 500, { timeoutMs: 10_000 });
    expect(await sql('select status from task where id = $1', [taskId])).toEqual([{ status: 'open' }]);
    await startWorker();

    await waitFor('the task to expire', async () => (await sql('select 1 from task where id = $1 and status = $2', [taskId, 'expired'])).length === 1);
    await waitFor('the expiry to be filed', async () => (await sql('select 1 from filing where subject_id = $1', [acknowledgementId])).length === 1);
    expect(await sql('select kind from filing where subject_id = $1', [acknowledgementId])).toEqual([{ kind: 'acknowledgement.expired' }]);
    expect(await sql('select count(*)::int as n from task where subject_id = $1', [acknowledgementId])).toEqual([{ n: 1 }]);
  });
});
