import { allHandlersFinished, condition, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { FilingActivities } from '../activities/filing.activities.js';
import { HumanTasks } from './lib/human-tasks.js';
import { activityRetry } from './lib/activity-retry.js';

/**
 * A refusal, a missed provider deadline or a failure to deliver, reported to the info office with its
 * reasons (seed 001 §三(四)). The info office coordinates and decides, or raises a major matter to the
 * leadership group, whose decision binds; a missed coordination deadline raises it by itself.
 */
export interface EscalationInput {
  requestId: string;
  requesterDepartmentId: string;
  providerDepartmentId: string;
  resourceName: string;
  /** What is reported: a refusal of the request or of a grant's renewal, a missed answer deadline, or a failure to deliver. */
  reason: 'refused' | 'missed_deadline' | 'non_delivery' | 'renewal_refused' | 'renewal_missed_deadline';
  reasons: string;
}

export type EscalationDecision = 'order_provide' | 'uphold_refusal';

export interface EscalationResult {
  decision: EscalationDecision;
  decidedBy: 'info_office' | 'leadership_group';
  comment?: string;
  decidedByUser: string;
}

export type EscalationState = { requestId: string; stage: 'coordination' | 'leadership' | 'decided'; decision?: EscalationDecision };

const { appendFiling } = proxyActivities<FilingActivities>({ startToCloseTimeout: '30 seconds', retry: activityRetry() });

export async function refusalEscalationWorkflow(input: EscalationInput): Promise<EscalationResult> {
  let state: EscalationState = { requestId: input.requestId, stage: 'coordination' };
  const tasks = new HumanTasks(() => state);
  const file = (kind: string, payload: Record<string, unknown>) =>
    appendFiling({
      kind,
      authority: 'info_office',
      subjectType: 'sharing_request',
      subjectId: input.requestId,
      departmentIds: [input.requesterDepartmentId, input.providerDepartmentId],
      payload: { reason: input.reason, reasons: input.reasons, resourceName: input.resourceName, ...payload },
      idempotencyKey: `${workflowInfo().workflowId}:${kind}`,
    });

  await file('sharing.refusal_reported', {});
  const common = { subjectType: 'sharing_request', subjectId: input.requestId, assigneeDepartmentId: null } as const;
  const coordination = await tasks.run({
    ...common,
    taskKey: 'coordination',
    kind: 'coordination',
    title: `协调共享争议：${input.resourceName}`,
    assigneeRole: 'info_office',
    deadline: 'escalation.coordination',
    onDeadline: 'expire',
  });

  let result: EscalationResult;
  if (coordination.status === 'completed' && coordination.completion.outcome !== 'escalate') {
    const { outcome, comment, completedBy } = coordination.completion;
    result = { decision: outcome as EscalationDecision, decidedBy: 'info_office', comment, decidedByUser: completedBy };
  } else {
    state = { ...state, stage: 'leadership' };
    tasks.markSettled();
    await file('sharing.escalated_to_leadership', {
      cause: coordination.status === 'expired' ? 'coordination_deadline_missed' : 'raised_by_info_office',
    });
    const leadership = await tasks.run({
      ...common,
      taskKey: 'leadership-decision',
      kind: 'leadership_decision',
      title: `领导小组决定共享争议：${input.resourceName}`,
      assigneeRole: 'leadership_group',
      deadline: 'escalation.leadershipDecision',
      onDeadline: 'keep_open',
    });
    if (leadership.status !== 'completed') throw new Error('a leadership decision task only ends by a decision');
    const { outcome, comment, completedBy } = leadership.completion;
    result = { decision: outcome as EscalationDecision, decidedBy: 'leadership_group', comment, decidedByUser: completedBy };
  }
  await file('sharing.escalation_decided', { decision: result.decision, decidedBy: result.decidedBy, comment: result.comment ?? null });
  state = { ...state, stage: 'decided', decision: result.decision };
  tasks.markSettled();
  await condition(allHandlersFinished);
  return result;
}
