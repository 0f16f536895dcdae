import { allHandlersFinished, condition, continueAsNew, proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { AfterSharingActivities } from '../activities/after-sharing.activities.js';
import type { FilingActivities } from '../activities/filing.activities.js';
import { HumanTasks, type HumanTaskSpec } from './lib/human-tasks.js';
import { activityRetry } from './lib/activity-retry.js';

export interface GrantReportingInput {
  requestId: string;
  grantId: string;
  /** The period this run reports on, from 1; each period continues as a new run. */
  period: number;
}

export type GrantReportingState = { grantId: string; period: number; stage: 'waiting' | 'reporting' | 'ended'; submitted: string[] };

const { readGrantReporting, appendFiling } = proxyActivities<AfterSharingActivities & FilingActivities>({ startToCloseTimeout: '30 seconds', retry: activityRetry() });

/**
 * The periodic provision and usage reports of one grant (seed 001 §三(四)): each period
 * (`sharing.reportingPeriod`, quarterly by default) the provider files a provision report and the
 * requester a usage report with the info office, by `sharing.reportDue`; a late report stays open,
 * overdue. Ends at the first period that finds the grant no longer active.
 */
export async function grantReportingWorkflow(input: GrantReportingInput): Promise<GrantReportingState> {
  let state: GrantReportingState = { grantId: input.grantId, period: input.period, stage: 'waiting', submitted: [] };
  const tasks = new HumanTasks(() => state);

  const before = await readGrantReporting(input.grantId);
  if (before.active) await sleep(before.periodMs);
  const grant = before.active ? await readGrantReporting(input.grantId) : before;
  if (!grant.active) {
    state = { ...state, stage: 'ended' };
    return state;
  }

  state = { ...state, stage: 'reporting' };
  const report = async (side: 'usage' | 'provision') => {
    const spec: HumanTaskSpec = {
      taskKey: `${side}-report-${input.period}`,
      kind: 'usage_report',
      title: `${side === 'usage' ? '报送共享数据使用情况' : '报送共享数据提供情况'}（第 ${input.period} 期）：${grant.resourceName}`,
      subjectType: 'sharing_request',
      subjectId: input.requestId,
      assigneeRole: 'staff',
      assigneeDepartmentId: side === 'usage' ? grant.requesterDepartmentId : grant.providerDepartmentId,
      deadline: 'sharing.reportDue',
      onDeadline: 'keep_open',
    };
    const result = await tasks.run(spec);
    if (result.status !== 'completed') throw new Error('a usage_report task only ends by a report');
    const { payload, completedBy } = result.completion;
    await appendFiling({
      kind: `sharing.${side}_reported`,
      authority: 'info_office',
      subjectType: 'sharing_request',
      subjectId: input.requestId,
      departmentIds: [grant.requesterDepartmentId, grant.providerDepartmentId],
      payload: { grantId: input.grantId, period: input.period, resourceName: grant.resourceName, summary: String(payload!.summary), report: payload, submittedBy: completedBy },
      idempotencyKey: `${workflowInfo().workflowId}:${side}_reported:${input.period}`,
    });
    state = { ...state, submitted: [...state.submitted, side] };
    tasks.markSettled();
  };
  await Promise.all([report('usage'), report('provision')]);

  tasks.markSettled();
  await condition(allHandlersFinished);
  return continueAsNew<typeof grantReportingWorkflow>({ ...input, period: input.period + 1 });
}
