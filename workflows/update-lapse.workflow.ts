import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  defineSignal,
  isCancellation,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { FilingActivities } from '../activities/filing.activities.js';
import type { TaskActivities } from '../activities/task.activities.js';
import type { UpdateComplianceActivities } from '../activities/update-compliance.activities.js';
import type { LapseSubject } from '../libs/update-compliance/update-compliance.service.js';
import { HumanTasks } from './lib/human-tasks.js';
import { activityRetry } from './lib/activity-retry.js';

/** An update the provider recorded, as the lapse's workflow hears of it. */
export interface RecordedUpdate {
  updateId: string;
  recordedAt: string;
  recordedBy: string;
  note: string;
}

/** Sent by the record-update use case to every open lapse of the resource. */
export const updateRecordedSignal = defineSignal<[RecordedUpdate]>('updateRecorded');

export type UpdateLapseState = {
  lapseId: string;
  status: 'open' | 'resolved';
  resolvedAt?: string;
  updateId?: string;
};

/** The activity's failure type when the resource can no longer be updated (it left the catalog meanwhile). */
export const RESOURCE_NOT_UPDATABLE = 'ResourceNotUpdatable';

const { readUpdateLapse, linkUpdateLapseTask, recordUpdateForTask, resolveUpdateLapse, closeTask, appendFiling } = proxyActivities<
  UpdateComplianceActivities & TaskActivities & FilingActivities
>({ startToCloseTimeout: '30 seconds', retry: activityRetry('30 seconds') });

const FREQUENCY_NAMES: Record<LapseSubject['frequency'], string> = {
  realtime: '实时',
  daily: '每日',
  weekly: '每周',
  monthly: '每月',
  quarterly: '每季度',
};

/**
 * A missed update (seed 003): the provider department gets a data_update task with a deadline, which
 * stays open (overdue) until the provider records an update, through the API or by completing the
 * task. The lapse is then resolved, the outcome filed with the info office and the provider told.
 */
export async function updateLapseWorkflow({ lapseId }: { lapseId: string }): Promise<UpdateLapseState> {
  let state: UpdateLapseState = { lapseId, status: 'open' };
  let recorded: RecordedUpdate | undefined;
  setHandler(updateRecordedSignal, (update) => {
    recorded ??= update;
  });
  const tasks = new HumanTasks(() => state);
  const lapse = await readUpdateLapse(lapseId);
  // Recorded between the sweep's read and this start: the lapse was real, and is already made good.
  recorded ??= lapse.updateSinceDue ?? undefined;

  let taskId: string | undefined;
  let resourceGone = false;
  if (!recorded) {
    const scope = new CancellationScope();
    const task = scope.run(() =>
      tasks.run(
        {
          taskKey: `lapse-${lapseId}`,
          kind: 'data_update',
          title: taskTitle(lapse),
          subjectType: 'update_lapse',
          subjectId: lapseId,
          assigneeRole: 'staff',
          assigneeDepartmentId: lapse.providerDepartmentId,
          deadline: 'update.remedy',
          onDeadline: 'keep_open',
        },
        async (openedId) => {
          taskId = openedId;
          await linkUpdateLapseTask(lapseId, openedId);
        },
      ),
    );
    const completed = await Promise.race([task, condition(() => recorded !== undefined).then(() => undefined)]);
    if (completed) {
      if (completed.status !== 'completed') throw new Error('a data_update task only ends by an update');
      const { taskId: completedTaskId, completedBy, comment } = completed.completion;
      try {
        recorded = await recordUpdateForTask({ resourceId: lapse.resourceId, taskId: completedTaskId, completedBy, comment });
      } catch (error) {
        if (!(error instanceof ActivityFailure && error.cause instanceof ApplicationFailure && error.cause.type === RESOURCE_NOT_UPDATABLE)) {
          throw error;
        }
        resourceGone = true;
      }
    } else {
      // Recorded through the API: the task is done by that update.
      await condition(() => taskId !== undefined);
      const update = recorded!;
      await closeTask({ taskId: taskId!, outcome: 'updated', comment: update.note || undefined, completedBy: update.recordedBy });
      scope.cancel();
      await task.catch((error: unknown) => {
        if (!isCancellation(error)) throw error;
      });
    }
  }

  const update = resourceGone ? undefined : recorded;
  const { resolvedAt } = await resolveUpdateLapse(lapseId, update?.updateId ?? null);
  await appendFiling({
    kind: 'update_lapse.resolved',
    authority: 'info_office',
    subjectType: 'update_lapse',
    subjectId: lapseId,
    departmentIds: [lapse.providerDepartmentId],
    payload: {
      resourceId: lapse.resourceId,
      resourceName: lapse.resourceName,
      identifier: lapse.resourceIdentifier,
      frequency: lapse.frequency,
      rule: lapse.rule,
      dueAt: lapse.dueAt,
      detectedAt: lapse.detectedAt,
      resolvedAt,
      outcome: update ? 'updated' : 'resource_not_published',
      updateId: update?.updateId ?? null,
      recordedBy: update?.recordedBy ?? null,
      note: update?.note ?? null,
      taskId: taskId ?? null,
    },
    idempotencyKey: `${workflowInfo().workflowId}:resolved`,
  });
  state = { ...state, status: 'resolved', resolvedAt, updateId: update?.updateId };
  tasks.markSettled();
  await condition(allHandlersFinished);
  return state;
}

function taskTitle(lapse: LapseSubject): string {
  const due = lapse.dueAt.slice(0, 10);
  const why =
    lapse.rule === 'quarterly_floor'
      ? `本季度第一个月前10日内未更新（应于 ${due} 前）`
      : `承诺${FREQUENCY_NAMES[lapse.frequency]}更新，逾期未更新（应于 ${due} 前）`;
  return `更新数据：${lapse.resourceName}（${lapse.resourceIdentifier}）${why}`;
}
