import { allHandlersFinished, condition, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { DemandActivities } from '../activities/demand.activities.js';
import type { FilingActivities } from '../activities/filing.activities.js';
import type { DemandAnswer } from '../libs/database/entities/index.js';
import type { DemandSubject } from '../libs/demands/demand.service.js';
import { HumanTasks } from './lib/human-tasks.js';
import { activityRetry } from './lib/activity-retry.js';

export type DataDemandState = { demandId: string; status: 'awaiting_answer' | 'answered'; answer?: DemandAnswer; resourceId?: string };

const { recordDemandAnswer, appendFiling } = proxyActivities<DemandActivities & FilingActivities>({ startToCloseTimeout: '30 seconds', retry: activityRetry() });

/** A data demand: the expected provider answers (will provide / exists as resource X / cannot); the answer is filed. */
export async function dataDemandWorkflow(demand: DemandSubject): Promise<DataDemandState> {
  let state: DataDemandState = { demandId: demand.demandId, status: 'awaiting_answer' };
  const tasks = new HumanTasks(() => state);
  const result = await tasks.run({
    taskKey: 'answer',
    kind: 'demand_response',
    title: `答复数据需求：${demand.dataName}`,
    subjectType: 'data_demand',
    subjectId: demand.demandId,
    assigneeRole: 'staff',
    assigneeDepartmentId: demand.expectedProviderDepartmentId,
    deadline: 'demand.response',
    onDeadline: 'keep_open',
  });
  if (result.status !== 'completed') throw new Error('a demand_response task only ends by an answer');
  const { outcome, payload, comment, completedBy } = result.completion;
  const answer = outcome as DemandAnswer;
  const resourceId = answer === 'exists' ? String(payload!.resourceId) : null;
  await recordDemandAnswer(demand.demandId, answer, resourceId, comment ?? null);
  await appendFiling({
    kind: 'demand.answered',
    authority: 'info_office',
    subjectType: 'data_demand',
    subjectId: demand.demandId,
    departmentIds: [demand.requesterDepartmentId, demand.expectedProviderDepartmentId],
    payload: { dataName: demand.dataName, answer, resourceId, comment: comment ?? null, answeredBy: completedBy },
    idempotencyKey: `${workflowInfo().workflowId}:answered`,
  });
  state = { ...state, status: 'answered', answer, resourceId: resourceId ?? undefined };
  tasks.markSettled();
  await condition(allHandlersFinished);
  return state;
}
