import { proxyActivities, sleep, startChild } from '@temporalio/workflow';
import type { AssessmentActivities } from '../activities/assessment.activities.js';
import { workflowIds } from '../libs/temporal/workflow-ids.js';
import { departmentAssessmentWorkflow, midYearSnapshotTakenSignal, scorecardComputedSignal } from './department-assessment.workflow.js';
import { workflowNow } from './lib/workflow-clock.js';
import { activityRetry } from './lib/activity-retry.js';

export interface AssessmentCycleInput {
  assessmentId: string;
  year: number;
  midYearAt: string;
  yearEndAt: string;
}

const { assessmentParticipants, publishAssessment } = proxyActivities<AssessmentActivities>({ startToCloseTimeout: '5 minutes', retry: activityRetry() });
/** The batches over every department: minutes for thousands, never per department. */
const { takeMidYearSnapshots, scoreAssessmentYearEnd } = proxyActivities<AssessmentActivities>({
  startToCloseTimeout: '30 minutes',
  retry: activityRetry('1 minute'),
});

/**
 * A year's assessment (年初备案、年中检查、年终考核): a child workflow per department runs its targets,
 * mid-year review and appeal; this workflow keeps the calendar and runs the set-based steps once
 * for all: the mid-year snapshot, the year-end scoring, and publication when every department's
 * appeal window has closed and its appeal is decided.
 */
export async function assessmentCycleWorkflow(input: AssessmentCycleInput): Promise<{ published: true }> {
  const participants = await assessmentParticipants(input.assessmentId);
  // Started together: one workflow task for all the children, not one each.
  const children = await Promise.all(
    participants.map((participant) =>
      startChild(departmentAssessmentWorkflow, {
        workflowId: workflowIds.departmentAssessment(input.assessmentId, participant.departmentId),
        args: [participant],
      }),
    ),
  );

  await sleepUntil(input.midYearAt);
  await takeMidYearSnapshots(input.assessmentId);
  await Promise.all(children.map((child) => child.signal(midYearSnapshotTakenSignal)));

  await sleepUntil(input.yearEndAt);
  const { appealClosesAt } = await scoreAssessmentYearEnd(input.assessmentId);
  await Promise.all(children.map((child) => child.signal(scorecardComputedSignal, { appealClosesAt })));

  await Promise.all(children.map((child) => child.result()));
  await publishAssessment(input.assessmentId);
  return { published: true };
}

async function sleepUntil(iso: string): Promise<void> {
  const wait = Date.parse(iso) - workflowNow();
  if (wait > 0) await sleep(wait);
}
