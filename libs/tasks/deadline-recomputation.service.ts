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
}

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
 * timer fires, it reads the task and waits again; one whose deadline or reminder moved earlier would sleep
 * past it, so it is recorded to be signalled (`wake`), and the signal is retried until delivered.
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
                reminder_policy, due_at, remind_at, reminded_at
         from task
         where status = 'open' and deadline_policy like '%wd' and id > ?
           and due_at >= (?::date::timestamp at time zone 'Asia/Shanghai')
           and created_at < (?::date::timestamp at time zone 'Asia/Shanghai')
         order by id limit ? for update`,
        [job.after_task_id ?? FIRST_ID, dateColumnText(job.from_date), dateColumnText(job.to_date), batchSize],
      );
      const moves = await this.movesOf(candidates, now);
      if (moves.length > 0) {
        const json = JSON.stringify(moves.map(({ task, dueAt, remindAt, wake }) => ({ id: task.id, workflow_id: task.workflow_id, previous_due_at: task.due_at, due_at: dueAt, remind_at: remindAt, wake })));
        await tx.execute(
          `update task t set due_at = v.due_at, remind_at = v.remind_at
           from jsonb_to_recordset(?::jsonb) as v(id uuid, due_at timestamptz, remind_at timestamptz)
           where t.id = v.id`,
          [json],
        );
        await tx.execute(
          `insert into calendar_recompute_move (job_id, task_id, workflow_id, previous_due_at, due_at, wake)
           select ?, v.id, v.workflow_id, v.previous_due_at, v.due_at, v.wake
           from jsonb_to_recordset(?::jsonb) as v(id uuid, workflow_id text, previous_due_at timestamptz, due_at timestamptz, wake boolean)
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

  /** Workflows of this job still to be told that a deadline moved earlier. */
  async pendingWakes(jobId: string, limit: number): Promise<TaskToWake[]> {
    const rows = await this.em.execute<{ task_id: string; workflow_id: string }[]>(
      `select task_id, workflow_id from calendar_recompute_move where job_id = ? and wake and woken_at is null order by task_id limit ?`,
      [jobId, limit],
    );
    return rows.map((row) => ({ taskId: row.task_id, workflowId: row.workflow_id }));
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
    // Raw queries hand timestamps over as text.
    candidates = candidates.map((row) => ({
      ...row,
      created_at: new Date(row.created_at),
      due_at: new Date(row.due_at),
      remind_at: row.remind_at && new Date(row.remind_at),
      reminded_at: row.reminded_at && new Date(row.reminded_at),
    }));
    const firstDay = candidates.reduce((min, row) => (shanghaiDate(row.created_at) < min ? shanghaiDate(row.created_at) : min), shanghaiDate(candidates[0].created_at));
    const lastDay = candidates.reduce((max, row) => (shanghaiDate(row.due_at) > max ? shanghaiDate(row.due_at) : max), firstDay);
    // From the earliest start to well past the latest due day: room for a deadline that moves later.
    const calendar = await this.calendar.calendarBetween(addDaysIso(firstDay, -400), addDaysIso(lastDay, 800));
    const moves: { task: CandidateRow; dueAt: string; remindAt: string | null; wake: boolean }[] = [];
    for (const task of candidates) {
      const createdAt = new Date(task.created_at);
      const previousDue = new Date(task.due_at);
      const due = deadlineFrom(createdAt, parsePolicyDuration(task.deadline_policy), calendar.isWorkingDay);
      if (due.getTime() === previousDue.getTime()) continue;
      const reminderAt = task.reminder_policy ? reminderBefore(due, parsePolicyDuration(task.reminder_policy), calendar.isWorkingDay) : null;
      // A reminder still pending whose new time has passed goes out now rather than never.
      const remindAt = reminderAt && reminderAt > now ? reminderAt : reminderAt && task.remind_at && !task.reminded_at ? now : null;
      const previousRemind = task.remind_at ? new Date(task.remind_at) : null;
      const reminderEarlier = !task.reminded_at && remindAt !== null && (previousRemind === null || remindAt < previousRemind);
      moves.push({ task, dueAt: due.toISOString(), remindAt: remindAt?.toISOString() ?? null, wake: due < previousDue || reminderEarlier });
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
