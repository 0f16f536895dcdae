import {
  ApplicationFailure,
  CancellationScope,
  condition,
  isCancellation,
  patched,
  proxyActivities,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { TaskActivities } from '../../activities/task.activities.js';
import { completionProblem, type TaskCompletion } from '../../libs/domain/task-kinds.js';
import type { OpenTaskCommand } from '../../libs/tasks/task.service.js';
import { completeTaskUpdate, taskDeadlineChangedSignal } from './task-messages.js';
import { millisUntil, workflowNow } from './workflow-clock.js';
import { activityRetry } from './activity-retry.js';

export type HumanTaskSpec = Omit<OpenTaskCommand, 'workflowId' | 'taskId'> & {
  /** What a passed deadline means: `expire` ends the task and returns; `keep_open` marks it overdue and goes on waiting. */
  onDeadline: 'expire' | 'keep_open';
};

export type HumanTaskResult = { status: 'completed'; completion: TaskCompletion } | { status: 'expired'; taskId: string };

interface OpenTask {
  spec: HumanTaskSpec;
  completion?: TaskCompletion;
  closed: boolean;
  expired: boolean;
  deadlineChanged: boolean;
  /** The workflow has acted on the completion: its Update may answer. */
  settled: boolean;
}

const { openTask, readTaskDeadline, remindTask, markTaskOverdue, expireTask, closeTask, cancelTask } =
  proxyActivities<TaskActivities>({
    startToCloseTimeout: '30 seconds',
    retry: activityRetry('30 seconds'),
  });

/**
 * Human tasks inside one workflow: opens them through activities, waits for their completion
 * (a Temporal Update), sends the reminder, marks them overdue, and re-reads the deadline when the
 * calendar moves it. Completions are validated here a second time, so a stale or foreign one is
 * rejected before it enters history. Several tasks may run at once (one `run` each); cancelling
 * the scope of a `run` cancels its task.
 */
export class HumanTasks {
  private readonly open = new Map<string, OpenTask>();
  /** Completed tasks handed to the workflow whose Updates wait for it to act on them. */
  private readonly handedOver = new Set<OpenTask>();

  /** @param describe the subject's state, returned to whoever completed a task once the workflow has acted on it */
  constructor(private readonly describe: () => unknown) {
    setHandler(
      completeTaskUpdate,
      async (completion) => {
        const task = this.open.get(completion.taskId)!;
        task.completion = completion;
        await closeTask(completion);
        task.closed = true;
        await condition(() => task.settled);
        return this.describe();
      },
      { validator: (completion) => this.validate(completion) },
    );
    setHandler(taskDeadlineChangedSignal, ({ taskId }) => {
      const task = this.open.get(taskId);
      if (task) task.deadlineChanged = true;
    });
  }

  /** Call when the workflow has finished acting on every completion handed to it and is waiting again, or is about to end. */
  markSettled(): void {
    for (const task of this.handedOver) task.settled = true;
    this.handedOver.clear();
  }

  /**
   * Call when the workflow has acted on this one completion while others may still be on their way
   * (two tasks run at once): its author's answer shows the effect of their own completion, and the
   * other completion's author waits for theirs.
   */
  settle(taskId: string): void {
    for (const task of this.handedOver) {
      if (task.completion?.taskId !== taskId) continue;
      task.settled = true;
      this.handedOver.delete(task);
    }
  }

  /** @param onOpened called once the task's row exists, with its id (to link it to the subject, say) */
  async run(spec: HumanTaskSpec, onOpened?: (taskId: string) => Promise<void>): Promise<HumanTaskResult> {
    const { onDeadline, ...command } = spec;
    // The id is chosen here, before the row exists: a completion may arrive as soon as the row is visible.
    // New runs re-read their deadline every `task.deadlineRecheck` (a day): a calendar change that brings it
    // earlier, but not within that period, then needs no signal (the task row says so, for the recomputation).
    const recheckDeadline = patched('deadline-recheck');
    let taskId = uuid4();
    const task: OpenTask = { spec, closed: false, expired: false, deadlineChanged: false, settled: false };
    this.open.set(taskId, task);
    let overdue = false;
    try {
      // Not cancellable, so that a cancelled run always has a row to cancel.
      let deadline = await CancellationScope.nonCancellable(() =>
        openTask({ ...command, taskId, workflowId: workflowInfo().workflowId, ...(recheckDeadline ? { recheckDeadline } : {}) }),
      );
      if (deadline.taskId !== taskId) {
        // A history recorded before ids were chosen here: the row has the id the service gave it.
        this.open.delete(taskId);
        taskId = deadline.taskId;
        this.open.set(taskId, task);
      }
      if (onOpened) await onOpened(taskId);
      for (;;) {
        const dueAt = Date.parse(deadline.dueAt);
        const remindAt = deadline.remindAt && !overdue ? Date.parse(deadline.remindAt) : undefined;
        const remindFirst = remindAt !== undefined && remindAt < dueAt;
        const wakeAt = overdue ? undefined : remindFirst ? remindAt : dueAt;
        // Waiting on the only task in flight means the workflow is done with earlier completions.
        if (this.open.size === 1) this.markSettled();
        const awake = () => task.completion !== undefined || task.deadlineChanged;
        const sleepUntil = wakeAt !== undefined && deadline.recheckMs ? Math.min(wakeAt, workflowNow() + deadline.recheckMs) : wakeAt;
        const timedOut =
          sleepUntil === undefined ? !(await condition(awake).then(() => true)) : !(await condition(awake, millisUntil(sleepUntil)));
        if (timedOut && sleepUntil !== wakeAt) {
          // The daily look at the task: the deadline may have moved while no signal came.
          deadline = await readTaskDeadline(taskId);
          continue;
        }
        if (task.completion) {
          await condition(() => task.closed);
          this.open.delete(taskId);
          this.handedOver.add(task);
          return { status: 'completed', completion: task.completion };
        }
        if (!timedOut) {
          task.deadlineChanged = false;
          deadline = await readTaskDeadline(taskId);
          continue;
        }
        if (remindFirst) {
          // A calendar change that moved the reminder later sends no signal (only earlier moves wake a
          // workflow): read the task before reminding, so the reminder goes out at its new time.
          if (patched('reread-deadline-before-reminder')) {
            const current = await readTaskDeadline(taskId);
            if (current.remindAt !== deadline.remindAt || current.dueAt !== deadline.dueAt) {
              deadline = current;
              continue;
            }
          }
          await remindTask(taskId);
          deadline = { ...deadline, remindAt: null };
          continue;
        }
        // The database holds the deadline in force: a calendar change may have moved it while no signal arrived.
        const current = await readTaskDeadline(taskId);
        if (Date.parse(current.dueAt) > workflowNow() || task.completion) {
          deadline = current;
          continue;
        }
        if (onDeadline === 'expire') {
          task.expired = true;
          await markTaskOverdue(taskId);
          await expireTask(taskId);
          this.open.delete(taskId);
          return { status: 'expired', taskId };
        }
        await markTaskOverdue(taskId);
        overdue = true;
      }
    } catch (error) {
      if (isCancellation(error)) {
        this.open.delete(taskId);
        if (task.completion) {
          // Accepted just before the cancellation: its Update closes the row and answers once the workflow settles.
          this.handedOver.add(task);
        } else {
          await CancellationScope.nonCancellable(() => cancelTask(taskId));
        }
      }
      throw error;
    }
  }

  private validate(completion: TaskCompletion): void {
    const task = this.open.get(completion.taskId);
    if (!task) throw ApplicationFailure.nonRetryable('the task is not open in this workflow', 'StaleTask');
    if (task.completion) throw ApplicationFailure.nonRetryable('the task has already been completed', 'StaleTask');
    if (task.expired) throw ApplicationFailure.nonRetryable('the task has passed its deadline', 'StaleTask');
    const problem = completionProblem(task.spec.kind, completion);
    if (problem) throw ApplicationFailure.nonRetryable(problem, 'InvalidCompletion');
  }
}
