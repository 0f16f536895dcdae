/**
 * Calendar recomputation at scale. One calendar edit — a Saturday inside every task's span becomes a working
 * day — brings N open working-day deadlines one working day earlier; then the edit is undone and they all move
 * later again. Printed for each: how long the database recomputation took (the job's last batch committed) and
 * how long until every affected workflow acts at its new time, through the real recomputation workflow and
 * activities on the Temporal server.
 *  - The N tasks are opened as the platform opens them now: their workflows re-read the deadline daily, so a
 *    deadline brought earlier but still days away needs no signal.
 *  - L further tasks stand for workflows started before that (no recheck), owned by W waiting workflows on the
 *    server: each must be signalled, and each bench workflow counts its signals.
 *   node dist/bench/calendar-recompute.bench.js [tasks=100000] [legacyTasks=10000] [workflows=1000]
 */
import 'reflect-metadata';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { Queue } from 'bullmq';
import pg from 'pg';
import { calendarActivities } from '../activities/calendar.activities.js';
import { CalendarService } from '../libs/calendar/calendar.service.js';
import { parsePolicyDuration, deadlineFrom } from '../libs/calendar/policy-duration.js';
import { addDaysIso, shanghaiDate } from '../libs/calendar/working-days.js';
import { CalendarRecomputations } from '../libs/calendar-changes/calendar-recomputations.js';
import { DeadlineWakeups } from '../libs/calendar-changes/deadline-wakeups.js';
import { Policy } from '../libs/database/entities/index.js';
import { ReferenceDataSeeder } from '../libs/database/seeders/reference-data.seeder.js';
import { DEFAULT_POLICIES } from '../libs/domain/policies.js';
import { NOTIFICATION_QUEUE } from '../libs/notifications/notification-queue.js';
import { NotificationOutbox } from '../libs/notifications/notification-outbox.service.js';
import { redisConnectionOptions } from '../libs/queue/queue.module.js';
import { DeadlineRecomputation } from '../libs/tasks/deadline-recomputation.service.js';
import { deadlineWaitWorkflow } from './deadline-wait.workflow.js';
import { runBenchmark, withScratchDatabase } from './scratch-database.js';

const [tasks = 100_000, legacyTasks = 10_000, workflows = 1_000] = process.argv.slice(2).map(Number);
const DAY = 86_400_000;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main() {
  await withScratchDatabase('calendar', 'staff', async ({ config, orm, em, url, department, user }) => {
    for (const [key, { value, description }] of Object.entries(DEFAULT_POLICIES)) em.create(Policy, { key, value, description });
    await em.flush();
    await new ReferenceDataSeeder().run(em.fork(), { adminPassword: 'bench-admin-password' });

    const taskQueue = `bench-calendar-${Date.now().toString(36)}`;
    const queue = new Queue(NOTIFICATION_QUEUE, { connection: redisConnectionOptions(config.redis.url), prefix: `${taskQueue}-queue` });
    const connection = await Connection.connect({ address: config.temporal.address });
    const client = new Client({ connection, namespace: config.temporal.namespace });
    const benchConfig = { ...config, temporal: { ...config.temporal, taskQueue } };

    const services = orm.em.fork();
    const calendar = new CalendarService(services);
    const outbox = new NotificationOutbox(queue as never, benchConfig);
    const recomputation = new DeadlineRecomputation(services, calendar, outbox);
    const wakeups = new DeadlineWakeups(recomputation, client);
    const recomputations = new CalendarRecomputations(recomputation, client, benchConfig);

    const workerConnection = await NativeConnection.connect({ address: config.temporal.address });
    const worker = await Worker.create({
      connection: workerConnection,
      namespace: config.temporal.namespace,
      taskQueue,
      workflowsPath: fileURLToPath(new URL('./deadline-wait.workflow.js', import.meta.url)),
      activities: calendarActivities(calendar, recomputation, wakeups),
      maxConcurrentActivityTaskExecutions: 4,
    });
    const running = worker.run();
    try {
      // Tasks opened over the last five days, each due 10 working days after its day.
      const now = Date.now();
      const lookup = await calendar.calendarBetween(addDaysIso(shanghaiDate(new Date(now)), -10), addDaysIso(shanghaiDate(new Date(now)), 60));
      const createdAts = Array.from({ length: 5 }, (_, i) => new Date(now - i * DAY));
      const dues = createdAts.map((at) => deadlineFrom(at, parsePolicyDuration('10wd'), lookup.isWorkingDay));
      // A Saturday after the latest start and before the earliest due day: inside every task's span.
      let edited = addDaysIso(shanghaiDate(new Date(now)), 1);
      while (new Date(`${edited}T00:00:00Z`).getUTCDay() !== 6) edited = addDaysIso(edited, 1);
      if (edited > shanghaiDate(dues.reduce((a, b) => (a < b ? a : b)))) throw new Error('no Saturday inside every span');

      const bulk = new pg.Client({ connectionString: url });
      await bulk.connect();
      const load = async (count: number, recheckMs: number | null, workflowId: string) => {
        for (let offset = 0; offset < count; offset += 10_000) {
          await bulk.query(
            `insert into task (id, kind, title, subject_type, subject_id, assignee_role, assignee_department_id, workflow_id, task_key,
                               status, created_at, deadline_policy, reminder_policy, due_at, remind_at, deadline_recheck_ms)
             select gen_random_uuid(), 'acknowledgement', '基准待办' || n, 'bench', n::text, 'staff', $1::uuid,
                    $2 || (n % $3), 'task-' || n, 'open', ($4::timestamptz[])[1 + n % 5], '10wd', null, ($5::timestamptz[])[1 + n % 5], null, $8
             from generate_series($6::int, $7::int) as n`,
            [department.id, workflowId, workflows, createdAts, dues, offset, Math.min(offset + 10_000, count) - 1, recheckMs],
          );
        }
        await bulk.query('analyze task');
      };
      const edit = async (isWorkingDay: boolean, label: string) => {
        const started = Date.now();
        const jobId = await em.fork().transactional(async (tx) => {
          await tx.execute(
            `insert into calendar_day (date, is_working_day, note, source, updated_by) values (?, ?, 'bench', 'manual', ?)
             on conflict (date) do update set is_working_day = excluded.is_working_day`,
            [edited, isWorkingDay, user.id],
          );
          return recomputations.begin(tx, { cause: 'day_edit', fromDate: edited, toDate: edited, requestedBy: user.id });
        });
        await client.workflow.getHandle(`calendar-recompute-${jobId}`).result();
        const job = (await recomputation.job(jobId))!;
        const databaseMs = Date.parse(job.finishedAt!) - Date.parse(job.createdAt);
        console.log(`${label}: ${job.moved} deadlines moved, ${job.woken} workflows to signal; database recomputation ${seconds(databaseMs)}; job done ${seconds(Date.now() - started)} after the edit`);
        return { started, databaseMs, job };
      };

      let started = Date.now();
      await load(tasks, 86_400_000, 'ended-');
      console.log(`loaded ${tasks} open tasks (workflows re-reading daily) in ${seconds(Date.now() - started)}; edited day ${edited}`);
      const earlier = await edit(true, `A. ${edited} becomes a working day (every deadline one day earlier)`);
      console.log(`   every affected workflow acts at its new time ${seconds(Date.now() - earlier.started)} after the edit (none needs a signal: each re-reads within a day, and every new time is days away)`);
      await edit(false, 'A. the edit undone (every deadline later: no workflow needs waking)');
      await bulk.query(`update task set status = 'done' where workflow_id like 'ended-%'`);

      if (legacyTasks > 0) {
        await load(legacyTasks, null, `${taskQueue}-wf-`);
        started = Date.now();
        const waiting = await Promise.all(
          Array.from({ length: workflows }, (_, w) => {
            const expected = Math.floor(legacyTasks / workflows) + (w < legacyTasks % workflows ? 1 : 0);
            return client.workflow.start(deadlineWaitWorkflow, { taskQueue, workflowId: `${taskQueue}-wf-${w}`, args: [expected] });
          }),
        );
        console.log(`loaded ${legacyTasks} open tasks of ${workflows} waiting workflows without a recheck (started in ${seconds(Date.now() - started)})`);
        const signalled = await edit(true, `B. ${edited} becomes a working day`);
        const lastTold = Math.max(...(await Promise.all(waiting.map((handle) => handle.result()))));
        const toldMs = lastTold - signalled.started;
        console.log(`   every affected workflow told ${seconds(toldMs)} after the edit: ${(legacyTasks / (toldMs / 1000)).toFixed(0)} signals/s, soonest-acting first`);
      }
      await bulk.end();
    } finally {
      worker.shutdown();
      await running;
      await workerConnection.close();
      await queue.obliterate({ force: true });
      await queue.close();
      await connection.close();
    }
  });
}

runBenchmark(main);
