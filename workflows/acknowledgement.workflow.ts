import { condition, allHandlersFinished, defineQuery, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { FilingActivities } from '../activities/filing.activities.js';
import { HumanTasks } from './lib/human-tasks.js';
import { activityRetry } from './lib/activity-retry.js';

/**
 * The platform's smoke-test process: asks a department to acknowledge a notice, with a deadline,
 * and files the answer with the info office. An administrator starts one to prove that tasks,
 * deadlines, notifications and filings work end to end on a deployment.
 */
export interface AcknowledgementInput {
  acknowledgementId: string;
  title: string;
  departmentId: string;
  /** A policy key or a literal duration ("PT2S", "3wd"). */
  deadline: string;
  requestedBy: string;
}

export type AcknowledgementState =
  | { status: 'awaiting_acknowledgement' }
  | { status: 'acknowledged' | 'declined'; by: string; comment?: string; filingSeq: number }
  | { status: 'expired'; filingSeq: number };

export const acknowledgementStateQuery = defineQuery<AcknowledgementState>('state');

const { appendFiling } = proxyActivities<FilingActivities>({ startToCloseTimeout: '30 seconds', retry: activityRetry() });

export async function acknowledgementWorkflow(input: AcknowledgementInput): Promise<AcknowledgementState> {
  let state: AcknowledgementState = { status: 'awaiting_acknowledgement' };
  setHandler(acknowledgementStateQuery, () => state);
  const tasks = new HumanTasks(() => ({ acknowledgementId: input.acknowledgementId, ...state }));

  const result = await tasks.run({
    taskKey: 'acknowledge',
    kind: 'acknowledgement',
    title: input.title,
    subjectType: 'acknowledgement',
    subjectId: input.acknowledgementId,
    assigneeRole: 'staff',
    assigneeDepartmentId: input.departmentId,
    deadline: input.deadline,
    onDeadline: 'expire',
  });

  const outcome = result.status === 'completed' ? result.completion.outcome : 'expired';
  const filing = await appendFiling({
    kind: `acknowledgement.${outcome}`,
    authority: 'info_office',
    subjectType: 'acknowledgement',
    subjectId: input.acknowledgementId,
    departmentIds: [input.departmentId],
    payload: {
      title: input.title,
      outcome,
      ...(result.status === 'completed'
        ? { completedBy: result.completion.completedBy, comment: result.completion.comment ?? null }
        : {}),
    },
    idempotencyKey: `${workflowInfo().workflowId}:outcome`,
  });

  state =
    result.status === 'completed'
      ? {
          status: result.completion.outcome === 'acknowledge' ? 'acknowledged' : 'declined',
          by: result.completion.completedBy,
          comment: result.completion.comment,
          filingSeq: filing.seq,
        }
      : { status: 'expired', filingSeq: filing.seq };
  tasks.markSettled();
  await condition(allHandlersFinished);
  return state;
}
