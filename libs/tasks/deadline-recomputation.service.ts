import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CalendarService } from '../calendar/calendar.service.js';
import { deadlineFrom, parsePolicyDuration, reminderBefore } from '../calendar/policy-duration.js';
import { addDaysIso, dateColumnText, shanghaiDate } from '../calendar/working-days.js';
import type { Role } from '../domain/roles.js';
import { NotificationOutbox, type NotificationRequest } from '../notifications/notification-outbox.service.js';

export type RecomputeCause = 'day_edit' | 'arrangement_import';

export interface RecomputeJobRequest {
  cause: RecomputeCause;
  /** The changed days, inclusive (ISO dates). */
  fromDate: string;
  toDate: string;
  requestedBy: string | null;
}

export interface RecomputeJobView {
  id: string;
  cause: RecomputeCause;
  fromDate: string;
  toDate: string;
  status: 'running' | 'done';
  moved: number;
  woken: number;
  createdAt: string;
  finishedAt?: string;
}

export interface TaskToWake {
  taskId: string;
  workflowId: string;
  /** When the workflow must act by its new deadline. */
  wakeAt: string;
}

interface CandidateRow {
  id: string;
  workflow_id: string;
  title: string;
  kind: string;
  assignee_role: Role;
  assignee_department_id: string | null;
  created_at: Date;
  deadline_policy: string;
  reminder_policy: string | null;
  due_at: Date;
  remind_at: Date | null;
  reminded_at: Date | null;
  deadline_recheck_ms: number | null;
}

/** Beyond the workflow's own recheck interval: the timer it is sleeping on may have started a moment ago. */
const RECHECK_MARGIN_MS = 60 * 60 * 1000;

/** Tasks read and rewritten per transaction: large enough for few round trips, small enough for short locks. */
export const RECOMPUTE_BATCH = 2000;
/** One calendar change at a time: two jobs interleaving batches would each see the other's half-done state. */
const RECOMPUTE_LOCK_ID = 7_240_319;
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Recomputes the open working-day deadlines (and reminders) whose span a calendar change touches, in batches
 * that each commit on their own: a batch moves its tasks, records each move, queues the assignees' notices
 * and advances the job's cursor in one transaction, so a process killed half-way leaves no deadline
 * half-moved and the job goes on from its cursor when run again.
 *
 * Which workflows need waking: one whose deadline (or pending reminder) moved later needs nothing — its old
 * timer fires, it reads the task and waits again; one that re-reads its deadline at least daily
 * (`deadline_recheck_ms`) needs nothing while its new time is further away than that; the others, whose
 * deadline or reminder came earlier, would sleep past it, so they are recorded to be signalled (`wake`),
 * soonest-acting first, and each signal is retried until delivered.
 */
@Injectable()
export class DeadlineRecomputation {
  constructor(
    private readonly em: EntityManager,
    private readonly calendar: CalendarService,
    private readonly notifications: NotificationOutbox,
  ) {}

  /** Records a job with the caller's EntityManager, inside the transaction of the calendar change. */
  async createJob(em: EntityManager, request: RecomputeJobRequest): Promise<string> {
    const id = randomUUID();
    await em.execute(
      `insert into calendar_recompute_job (id, cause, from_date, to_date, requested_by, status) values (?, ?, ?, ?, ?, 'running')`,
      [id, request.cause, request.fromDate, request.toDate, request.requestedBy],
    );
    return id;
  }

  async job(jobId: string): Promise<RecomputeJobView | null> {
    const [row] = await this.em.execute<JobRow[]>(`select * from calendar_recompute_job where id = ?`, [jobId]);
    return row ? jobView(row) : null;
  }

  /** Jobs a crash may have left unfinished, oldest first. */
  async unfinishedJobIds(): Promise<string[]> {
    const rows = await this.em.execute<{ id: string }[]>(`select id from calendar_recompute_job where status = 'running' order by created_at`);
    return rows.map((row) => row.id);
  }

  /** Moves the next batch of the job's tasks; `done` once no task is left after the cursor. */
  async runBatch(jobId: string, batchSize = RECOMPUTE_BATCH): Promise<{ status: 'running' | 'done'; moved: number }> {
    const now = new Date();
    const { status, moved, notificationIds } = await this.em.transactional(async (tx) => {
      await tx.execute('select pg_advisory_xact_lock(?)', [RECOMPUTE_LOCK_ID]);
      const [job] = await tx.execute<JobRow[]>(`select * from calendar_recompute_job where id = ? for update`, [jobId]);
      if (!job) throw new Error(`no calendar recomputation job ${jobId}`);
      if (job.status === 'done') return { status: 'done' as const, moved: 0, notificationIds: [] };

      const candidates = await tx.execute<CandidateRow[]>(
        `select id, workflow_id, title, kind, assignee_role, assignee_department_id, created_at, deadline_policy,
                reminder_policy, due_at, remind_at, reminded_at, deadline_recheck_ms
         from task
         where status = 'open' and deadline_policy like '%wd' and id > ?
           and due_at >= (?::date::timestamp at time zone 'Asia/Shanghai')
           and created_at < (?::date::timestamp at time zone 'Asia/Shanghai')
         order by id limit ? for update`,
        [job.after_task_id ?? FIRST_ID, dateColumnText(job.from_date), dateColumnText(job.to_date), batchSize],
      );
      const moves = await this.movesOf(candidates, now);
      if (moves.length > 0) {
        const json = JSON.stringify(
          moves.map(({ task, dueAt, remindAt, wake }) => ({
            id: task.id,
            workflow_id: task.workflow_id,
            previous_due_at: task.due_at,
            due_at: dueAt,
            remind_at: remindAt,
            wake,
            wake_at: remindAt && !task.reminded_at && remindAt < dueAt ? remindAt : dueAt,
          })),
        );
        await tx.execute(
          `update task t set due_at = v.due_at, remind_at = v.remind_at
           from jsonb_to_recordset(?::jsonb) as v(id uuid, due_at timestamptz, remind_at timestamptz)
           where t.id = v.id`,
          [json],
        );
        await tx.execute(
          `insert into calendar_recompute_move (job_id, task_id, workflow_id, previous_due_at, due_at, wake, wake_at)
           select ?, v.id, v.workflow_id, v.previous_due_at, v.due_at, v.wake, v.wake_at
           from jsonb_to_recordset(?::jsonb) as v(id uuid, workflow_id text, previous_due_at timestamptz, due_at timestamptz, wake boolean, wake_at timestamptz)
           on conflict do nothing`,
          [jobId, json],
        );
      }
      const notificationIds = await this.notifications.recordMany(tx, moves.map(({ task, dueAt }) => deadlineChangedNotice(task, dueAt)));
      const finished = candidates.length < batchSize;
      await tx.execute(
        `update calendar_recompute_job
         set after_task_id = coalesce(?, after_task_id), moved = moved + ?, woken = woken + ?, status = ?, finished_at = ?
         where id = ?`,
        [candidates.at(-1)?.id ?? null, moves.length, moves.filter((move) => move.wake).length, finished ? 'done' : 'running', finished ? now : null, jobId],
      );
      return { status: finished ? ('done' as const) : ('running' as const), moved: moves.length, notificationIds };
    });
    await this.notifications.dispatch(notificationIds);
    return { status, moved };
  }

  /**
   * Workflows of this job still to be told that a deadline moved earlier, the one that must act soonest first:
   * a workflow told before its new time acts at that time, so the order, not the total, is what must be fast.
   */
  async pendingWakes(jobId: string, limit: number): Promise<TaskToWake[]> {
    const rows = await this.em.execute<{ task_id: string; workflow_id: string; wake_at: string }[]>(
      `select task_id, workflow_id, wake_at from calendar_recompute_move where job_id = ? and wake and woken_at is null order by wake_at, task_id limit ?`,
      [jobId, limit],
    );
    return rows.map((row) => ({ taskId: row.task_id, workflowId: row.workflow_id, wakeAt: new Date(row.wake_at).toISOString() }));
  }

  async markWoken(jobId: string, taskIds: string[]): Promise<void> {
    if (taskIds.length === 0) return;
    await this.em.execute(
      `update calendar_recompute_move set woken_at = now()
       where job_id = ? and task_id in (select value::uuid from jsonb_array_elements_text(?::jsonb))`,
      [jobId, JSON.stringify(taskIds)],
    );
  }

  /** The tasks the job moved, with their new due times (the first `limit`). */
  async movedTasks(jobId: string, limit = 1000): Promise<{ id: string; dueAt: string; previousDueAt: string }[]> {
    const rows = await this.em.execute<{ task_id: string; due_at: Date; previous_due_at: Date }[]>(
      `select task_id, due_at, previous_due_at from calendar_recompute_move where job_id = ? order by task_id limit ?`,
      [jobId, limit],
    );
    return rows.map((row) => ({ id: row.task_id, dueAt: new Date(row.due_at).toISOString(), previousDueAt: new Date(row.previous_due_at).toISOString() }));
  }

  private async movesOf(rows: CandidateRow[], now: Date) {
    let candidates = rows;
    if (candidates.length === 0) return [];
    // Raw queries hand timestamps (and bigints) over as text.
    candidates = candidates.map((row) => ({
      ...row,
      created_at: new Date(row.created_at),
      due_at: new Date(row.due_at),
      remind_at: row.remind_at && new Date(row.remind_at),
      reminded_at: row.reminded_at && new Date(row.reminded_at),
      deadline_recheck_ms: row.deadline_recheck_ms === null ? null : Number(row.deadline_recheck_ms),
    }));
    const firstDay = candidates.reduce((min, row) => (shanghaiDate(row.created_at) < min ? shanghaiDate(row.created_at) : min), shanghaiDate(candidates[0].created_at));
    const lastDay = candidates.reduce((max, row) => (shanghaiDate(row.due_at) > max ? shanghaiDate(row.due_at) : max), firstDay);
    // From the earliest start to well past the latest due day: room for a deadline that moves later.
    const calendar = await this.calendar.calendarBetween(addDaysIso(firstDay, -400), addDaysIso(lastDay, 800));
    // A working-day deadline depends only on the start's day and the policy, a reminder on the due day and its
    // policy: tasks of a batch share a few of each, so each is counted once.
    const dueOf = memoize((day: string, policy: string, createdAt: Date) => deadlineFrom(createdAt, parsePolicyDuration(policy), calendar.isWorkingDay));
    const reminderOf = memoize((day: string, policy: string, due: Date) => reminderBefore(due, parsePolicyDuration(policy), calendar.isWorkingDay));
    const moves: { task: CandidateRow; dueAt: string; remindAt: string | null; wake: boolean }[] = [];
    for (const task of candidates) {
      const createdAt = new Date(task.created_at);
      const previousDue = new Date(task.due_at);
      const due = dueOf(shanghaiDate(createdAt), task.deadline_policy, createdAt);
      if (due.getTime() === previousDue.getTime()) continue;
      const reminderAt = task.reminder_policy ? reminderOf(shanghaiDate(due), task.reminder_policy, due) : null;
      // A reminder still pending whose new time has passed goes out now rather than never.
      const remindAt = reminderAt && reminderAt > now ? reminderAt : reminderAt && task.remind_at && !task.reminded_at ? now : null;
      const previousRemind = task.remind_at ? new Date(task.remind_at) : null;
      const reminderEarlier = !task.reminded_at && remindAt !== null && (previousRemind === null || remindAt < previousRemind);
      const wakeAt = remindAt && !task.reminded_at && remindAt < due ? remindAt : due;
      // A workflow that re-reads its deadline by itself needs telling only when it must act before its next look.
      const findsItInTime = task.deadline_recheck_ms !== null && wakeAt.getTime() > now.getTime() + task.deadline_recheck_ms + RECHECK_MARGIN_MS;
      moves.push({ task, dueAt: due.toISOString(), remindAt: remindAt?.toISOString() ?? null, wake: (due < previousDue || reminderEarlier) && !findsItInTime });
    }
    return moves;
  }
}

interface JobRow {
  id: string;
  cause: RecomputeCause;
  from_date: string | Date;
  to_date: string | Date;
  status: 'running' | 'done';
  after_task_id: string | null;
  moved: number;
  woken: number;
  created_at: Date;
  finished_at: Date | null;
}

/** Caches `compute` by its first two arguments (the rest follow from them). */
function memoize<A>(compute: (day: string, policy: string, instant: A) => Date) {
  const cache = new Map<string, Date>();
  return (day: string, policy: string, instant: A): Date => {
    const key = `${day}|${policy}`;
    let value = cache.get(key);
    if (!value) cache.set(key, (value = compute(day, policy, instant)));
    return value;
  };
}

function jobView(row: JobRow): RecomputeJobView {
  return {
    id: row.id,
    cause: row.cause,
    fromDate: dateColumnText(row.from_date),
    toDate: dateColumnText(row.to_date),
    status: row.status,
    moved: row.moved,
    woken: row.woken,
    createdAt: new Date(row.created_at).toISOString(),
    ...(row.finished_at ? { finishedAt: new Date(row.finished_at).toISOString() } : {}),
  };
}

/** The notice TaskService gives for a moved deadline, keyed the same way so each person is told once per new due time. */
function deadlineChangedNotice(task: CandidateRow, dueAt: string): NotificationRequest {
  return {
    recipients: { role: task.assignee_role, departmentId: task.assignee_department_id },
    template: 'task-deadline-changed',
    subject: `办理时限调整：${task.title}`,
    data: { title: task.title, kind: task.kind, dueAt },
    path: `/tasks/${task.id}`,
    dedupeKey: `task:${task.id}:task-deadline-changed:deadline:${dueAt}`,
  };
}
