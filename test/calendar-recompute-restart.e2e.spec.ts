import { addDaysIso, shanghaiDate, weekdayRule } from '../libs/calendar/working-days.js';
import { adminPassword, killWorker, login, sql, startWorker, waitFor, type ApiClient } from './support/harness.js';

const TASKS = 30_000;

/**
 * A calendar edit that moves many deadlines runs in committed batches: a worker killed half-way leaves every
 * deadline either moved or not (never half), and the job finishes from its cursor once a worker is back.
 */
describe('a deadline recomputation interrupted by a killed worker', () => {
  let admin: ApiClient;
  let edited: string;

  beforeAll(async () => {
    admin = await login('admin', adminPassword());
    // A department nobody works in: the moved deadlines notify no one, so the test is about the recomputation only.
    const [department] = await sql<{ id: string }>(
      `insert into department (id, code, name, level) values (gen_random_uuid(), $1, '批量重算测试部门', 'city') returning id`,
      [`CALK${Date.now().toString(36)}`],
    );
    // The first working day at least a week ahead: every task below spans it, and it is in no one else's way.
    edited = addDaysIso(shanghaiDate(new Date()), 7);
    while (!weekdayRule(edited)) edited = addDaysIso(edited, 1);
    const [{ day }] = await sql<{ day: string }>(`select is_working_day::text as day from calendar_day where date = $1`, [edited]).then((rows) =>
      rows.length ? rows : [{ day: 'none' }],
    );
    expect(day === 'none' || day === 'true').toBe(true);
    // Open tasks due 20 working days after today, as a workflow would have opened them (they wait on timers).
    const dueAt = (await admin.get(`/calendar/deadline?from=${encodeURIComponent(new Date().toISOString())}&duration=20wd`)).body.dueAt;
    await sql(
      `insert into task (id, kind, title, subject_type, subject_id, assignee_role, assignee_department_id, workflow_id, task_key,
                         status, created_at, deadline_policy, reminder_policy, due_at, remind_at, deadline_recheck_ms)
       select gen_random_uuid(), 'acknowledgement', '批量待办' || n, 'bulk', n::text, 'staff', $1::uuid, 'bulk-recompute-' || n, 'task',
              'open', now(), '20wd', null, $2::timestamptz, null, 86400000
       from generate_series(1, $3::int) as n`,
      [department.id, dueAt, TASKS],
    );
  });

  afterAll(async () => {
    await sql(`update task set status = 'cancelled' where workflow_id like 'bulk-recompute-%' and status = 'open'`);
    await admin.put(`/calendar/days/${edited}`, { isWorkingDay: true, note: '' });
  });

  it('leaves no deadline half-moved and finishes from its cursor after the restart', async () => {
    const before = await sql<{ due_at: Date }>(`select distinct due_at from task where workflow_id like 'bulk-recompute-%'`);
    expect(before).toHaveLength(1);
    // The edit answers after its wait even though the job is still going; it is not awaited here.
    const answer = admin.put(`/calendar/days/${edited}`, { isWorkingDay: false, note: '临时调整（恢复测试）' });
    const job = await waitFor('the recomputation to be under way', async () => {
      const [row] = await sql<{ id: string; moved: number; status: string }>(
        `select id, moved, status from calendar_recompute_job where from_date = $1 order by created_at desc limit 1`,
        [edited],
      );
      return row && row.moved > 0 ? row : undefined;
    }, { intervalMs: 20 });
    await killWorker();

    // Whatever the kill interrupted rolled back: the tasks moved are exactly those the job recorded and counted
    // (other suites' open tasks may span the day too: the job moves them as well).
    const [state] = await sql<{ moved: number; recorded: number; recordedAll: number; counted: number; status: string }>(
      `select (select count(*)::int from task where workflow_id like 'bulk-recompute-%' and due_at <> $2) as moved,
              (select count(*)::int from calendar_recompute_move m join task t on t.id = m.task_id
                where m.job_id = $1 and t.workflow_id like 'bulk-recompute-%') as recorded,
              (select count(*)::int from calendar_recompute_move where job_id = $1) as "recordedAll",
              j.moved as counted, j.status
       from calendar_recompute_job j where j.id = $1`,
      [job.id, before[0].due_at],
    );
    expect(state.moved).toBe(state.recorded);
    expect(state.counted).toBe(state.recordedAll);
    // Killed half-way (30,000 tasks take 15 batches of 2,000).
    expect(state.status).toBe('running');
    expect(state.moved).toBeLessThan(TASKS);

    await startWorker();
    await waitFor('the job to finish after the restart', async () => {
      const [row] = await sql<{ status: string }>(`select status from calendar_recompute_job where id = $1`, [job.id]);
      return row.status === 'done';
    }, { timeoutMs: 120_000 });
    expect((await answer).status).toBe(200);
    const [after] = await sql<{ moved: number; distinct_due: number; recorded: number; recordedAll: number; counted: number; woken: number }>(
      `select (select count(*)::int from task where workflow_id like 'bulk-recompute-%' and due_at <> $2) as moved,
              (select count(distinct due_at)::int from task where workflow_id like 'bulk-recompute-%') as distinct_due,
              (select count(*)::int from calendar_recompute_move m join task t on t.id = m.task_id
                where m.job_id = $1 and t.workflow_id like 'bulk-recompute-%') as recorded,
              (select count(*)::int from calendar_recompute_move where job_id = $1) as "recordedAll",
              j.moved as counted,
              (select count(*)::int from calendar_recompute_move m join task t on t.id = m.task_id
                where m.job_id = $1 and t.workflow_id like 'bulk-recompute-%' and m.wake) as woken
       from calendar_recompute_job j where j.id = $1`,
      [job.id, before[0].due_at],
    );
    // Every task moved once, to the same new time; none to wake (moved later, and every workflow re-reads daily).
    expect(after).toEqual({ moved: TASKS, distinct_due: 1, recorded: TASKS, recordedAll: after.counted, counted: after.counted, woken: 0 });
    expect(after.counted).toBeGreaterThanOrEqual(TASKS);
    const [{ due_at: newDue }] = await sql<{ due_at: Date }>(`select due_at from task where workflow_id like 'bulk-recompute-%' limit 1`);
    const expected = (await admin.get(`/calendar/deadline?from=${encodeURIComponent(new Date().toISOString())}&duration=20wd`)).body.dueAt;
    expect(newDue.toISOString()).toBe(expected);
  });
});
