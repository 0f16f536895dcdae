import { allHandlersFinished, condition, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { AfterSharingActivities } from '../activities/after-sharing.activities.js';
import type { FilingActivities } from '../activities/filing.activities.js';
import type { ObjectionSubject } from '../libs/after-sharing/after-sharing.service.js';
import type { ObjectionOutcome } from '../libs/database/entities/index.js';
import { HumanTasks } from './lib/human-tasks.js';
import { activityRetry } from './lib/activity-retry.js';

export type DataObjectionState = { objectionId: string; status: 'awaiting_verification' | 'verified'; outcome?: ObjectionOutcome };

const { recordObjectionOutcome, appendFiling } = proxyActivities<AfterSharingActivities & FilingActivities>({ startToCloseTimeout: '30 seconds', retry: activityRetry() });

/**
 * An objection to the correctness of shared data (seed 001 §三(四)): the provider verifies it by a
 * deadline, saying what it corrected or why the data is right; the outcome is filed and the requester told.
 */
export async function dataObjectionWorkflow(objection: ObjectionSubject): Promise<DataObjectionState> {
  let state: DataObjectionState = { objectionId: objection.objectionId, status: 'awaiting_verification' };
  const tasks = new HumanTasks(() => state);
  const result = await tasks.run({
    taskKey: `objection-${objection.objectionId}`,
    kind: 'objection_verification',
    title: `核实数据异议：${objection.resourceName}（${objection.dataItems.join('、')}）`,
    subjectType: 'sharing_request',
    subjectId: objection.requestId,
    assigneeRole: 'staff',
    assigneeDepartmentId: objection.providerDepartmentId,
    deadline: 'objection.verification',
    onDeadline: 'keep_open',
  });
  if (result.status !== 'completed') throw new Error('an objection_verification task only ends by a verification');
  const { outcome, comment, completedBy } = result.completion;
  const verified = outcome as ObjectionOutcome;
  await recordObjectionOutcome(objection.objectionId, verified, comment ?? '', completedBy);
  await appendFiling({
    kind: 'objection.verified',
    authority: 'info_office',
    subjectType: 'sharing_request',
    subjectId: objection.requestId,
    departmentIds: [objection.requesterDepartmentId, objection.providerDepartmentId],
    payload: {
      objectionId: objection.objectionId,
      resourceName: objection.resourceName,
      items: objection.dataItems,
      description: objection.description,
      outcome: verified,
      comment: comment ?? null,
      verifiedBy: completedBy,
    },
    idempotencyKey: `${workflowInfo().workflowId}:verified`,
  });
  state = { ...state, status: 'verified', outcome: verified };
  tasks.markSettled();
  await condition(allHandlersFinished);
  return state;
}
