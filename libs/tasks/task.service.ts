import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { CalendarService, parseDuration } from '../calendar/calendar.service.js';
import { PolicyService } from '../calendar/policy.service.js';
import { Task } from '../database/entities/index.js';
import { isPolicyKey } from '../domain/policies.js';
import type { Role } from '../domain/roles.js';
import { RuleViolationError } from '../domain/errors.js';
import { mayBeAssigned, TASK_KINDS, type TaskCompletion, type TaskKind } from '../domain/task-kinds.js';
import { NotificationOutbox } from '../notifications/notification-outbox.service.js';

/** A policy key ("sharing.providerResponse") or a literal duration ("PT2S", "3wd"). */
export type DurationRef = string;

/** A deadline: a duration from when the task opens, or a fixed time (the 25th of the month, 30 March). */
export type DeadlineRef = DurationRef | { at: string };

export interface OpenTaskCommand {
  workflowId: string;
  /** Chosen by the workflow, so that it knows the task before the row becomes visible. */
  taskId?: string;
  taskKey: string;
  kind: TaskKind;
  title: string;
  subjectType: string;
  subjectId: string;
  assigneeRole: Role;
  assigneeDepartmentId?: string | null;
  deadline: DeadlineRef;
  reminder?: DurationRef;
  /** The workflow re-reads the deadline every `task.deadlineRecheck` (so a calendar change need not wake it when far off). */
  recheckDeadline?: boolean;
}

export interface TaskDeadline {
  taskId: string;
  status: Task['status'];
  dueAt: string;
  remindAt: string | null;
  /** How often the workflow re-reads this deadline, when it does. */
  recheckMs?: number;
}

/**
 * The lifecycle of human tasks as workflows drive it. Every method is idempotent, because each is
 * called from a Temporal activity that may be retried.
 */
@Injectable()
export class TaskService {
  constructor(
    private readonly em: EntityManager,
    private readonly calendar: CalendarService,
    private readonly policies: PolicyService,
    private readonly notifications: NotificationOutbox,
  ) {}

  async open(command: OpenTaskCommand): Promise<TaskDeadline> {
    if (!mayBeAssigned(command.kind, command.assigneeRole)) {
      throw new RuleViolationError(
        `a ${command.kind} task cannot be opened for ${command.assigneeRole}; its kind allows: ${TASK_KINDS[command.kind].assigneeRoles.join(', ')}`,
      );
    }
    const existing = await this.em.findOne(Task, { workflowId: command.workflowId, taskKey: command.taskKey });
    if (existing) return deadlineOf(existing);

    const createdAt = new Date();
    const { deadlinePolicy, dueAt } = await this.resolveDeadline(command.deadline, createdAt);
    const reminderPolicy = await this.resolveDuration(command.reminder ?? 'task.reminderBefore');
    const remindAt = await this.calendar.reminder(dueAt, reminderPolicy, createdAt);
    const deadlineRecheckMs = command.recheckDeadline ? await this.recheckInterval() : null;
    const { deadline: _deadline, reminder: _reminder, recheckDeadline: _recheck, taskId, ...fields } = command;

    const { task, notificationIds } = await this.em.transactional(async (tx) => {
      const task = tx.create(Task, { ...(taskId ? { id: taskId } : {}), ...fields, createdAt, deadlinePolicy, reminderPolicy, dueAt, remindAt, deadlineRecheckMs });
      await tx.flush();
      const notificationIds = await this.notifications.record(tx, this.notice(task, 'task-opened', `新的待办：${task.title}`));
      return { task, notificationIds };
    });
    await this.notifications.dispatch(notificationIds);
    return deadlineOf(task);
  }

  async deadline(taskId: string): Promise<TaskDeadline> {
    return deadlineOf(await this.em.findOneOrFail(Task, { id: taskId }));
  }

  async remind(taskId: string): Promise<void> {
    await this.transition(taskId, (task) => task.status === 'open' && !task.remindedAt, (task) => {
      task.remindedAt = new Date();
      return this.notice(task, 'task-reminder', `待办即将到期：${task.title}`);
    });
  }

  async markOverdue(taskId: string): Promise<void> {
    await this.transition(taskId, (task) => task.status === 'open' && !task.overdueAt, (task) => {
      task.overdueAt = new Date();
      return this.notice(task, 'task-overdue', `待办已逾期：${task.title}`);
    });
  }

  async close(completion: TaskCompletion): Promise<void> {
    await this.transition(completion.taskId, (task) => task.status === 'open', (task) => {
      Object.assign(task, {
        status: 'done',
        outcome: completion.outcome,
        comment: completion.comment ?? null,
        payload: completion.payload ?? null,
        completedBy: completion.completedBy,
        closedAt: new Date(),
      });
    });
  }

  async expire(taskId: string): Promise<void> {
    await this.transition(taskId, (task) => task.status === 'open', (task) => {
      Object.assign(task, { status: 'expired', closedAt: new Date() });
    });
  }

  /** Hands an open task to another department or role; the new assignees are told. */
  async reassign(taskId: string, assignee: { role: Role; departmentId: string | null }): Promise<Task> {
    await this.transition(taskId, (task) => task.status === 'open', (task) => {
      task.assigneeRole = assignee.role;
      task.assigneeDepartmentId = assignee.departmentId;
      return this.notice(task, 'task-opened', `新的待办：${task.title}`, `reassigned:${assignee.role}:${assignee.departmentId}`);
    });
    return this.em.findOneOrFail(Task, { id: taskId }, { refresh: true });
  }

  async cancel(taskId: string): Promise<void> {
    await this.transition(taskId, (task) => task.status === 'open', (task) => {
      Object.assign(task, { status: 'cancelled', closedAt: new Date() });
    });
  }

  private async transition(
    taskId: string,
    applies: (task: Task) => boolean,
    apply: (task: Task) => ReturnType<TaskService['notice']> | void,
  ): Promise<void> {
    const notificationIds = await this.em.transactional(async (tx) => {
      const task = await tx.findOneOrFail(Task, { id: taskId });
      if (!applies(task)) return [];
      const notice = apply(task);
      return notice ? this.notifications.record(tx, notice) : [];
    });
    await this.notifications.dispatch(notificationIds);
  }

  private notice(task: Task, template: string, subject: string, eventSuffix = '') {
    return {
      recipients: { role: task.assigneeRole, departmentId: task.assigneeDepartmentId },
      template,
      subject,
      data: { title: task.title, kind: task.kind, dueAt: task.dueAt.toISOString() },
      path: `/tasks/${task.id}`,
      dedupeKey: `task:${task.id}:${template}${eventSuffix ? `:${eventSuffix}` : ''}`,
    };
  }

  /** A fixed deadline is kept as `at <ISO time>`: the calendar never moves it. */
  private async resolveDeadline(ref: DeadlineRef, from: Date): Promise<{ deadlinePolicy: string; dueAt: Date }> {
    if (typeof ref === 'object') return { deadlinePolicy: `at ${ref.at}`, dueAt: new Date(ref.at) };
    const deadlinePolicy = await this.resolveDuration(ref);
    return { deadlinePolicy, dueAt: await this.calendar.deadline(from, deadlinePolicy) };
  }

  /** `task.deadlineRecheck` in milliseconds (working days count as whole days: it is a sleeping process's period). */
  private async recheckInterval(): Promise<number> {
    const interval = parseDuration(await this.policies.value('task.deadlineRecheck'), 'task.deadlineRecheck');
    return interval.kind === 'elapsed' ? interval.ms : interval.days * 86_400_000;
  }

  private async resolveDuration(ref: DurationRef): Promise<string> {
    return isPolicyKey(ref) ? this.policies.value(ref) : ref;
  }
}

function deadlineOf(task: Task): TaskDeadline {
  return {
    taskId: task.id,
    status: task.status,
    dueAt: task.dueAt.toISOString(),
    remindAt: task.remindAt?.toISOString() ?? null,
    ...(task.deadlineRecheckMs ? { recheckMs: task.deadlineRecheckMs } : {}),
  };
}
