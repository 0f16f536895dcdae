import {
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  defineSignal,
  defineUpdate,
  isCancellation,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { AssessmentActivities } from '../activities/assessment.activities.js';
import type { AssessedDepartment } from '../libs/assessment/assessment.service.js';
import type { TargetAreas } from '../libs/domain/assessment.js';
import { HumanTasks } from './lib/human-tasks.js';
import { millisUntil, workflowNow } from './lib/workflow-clock.js';
import { activityRetry } from './lib/activity-retry.js';
import { REASONS_REQUIRED } from './lib/failure-types.js';

export type DepartmentAssessmentState = {
  departmentId: string;
  targets: 'awaiting_filing' | 'under_review' | 'confirmed' | 'not_confirmed';
  targetRound: number;
  midYear: 'pending' | 'awaiting_comment' | 'commented';
  appeal: 'window_not_open' | 'window_open' | 'pending' | 'upheld' | 'amended' | 'window_closed';
};

export interface AppealInput {
  reasons: string;
  filedBy: string;
}

/** From the cycle: the mid-year snapshots are stored; open the mid-year review. */
export const midYearSnapshotTakenSignal = defineSignal('midYearSnapshotTaken');
/** From the cycle: the scorecards are stored; the appeal window is open until the given time. */
export const scorecardComputedSignal = defineSignal<[{ appealClosesAt: string }]>('scorecardComputed');
/** From the API: the department appeals against its score. Refused outside the window and the second time. */
export const fileAppealUpdate = defineUpdate<DepartmentAssessmentState, [AppealInput]>('fileAppeal');

const activities = proxyActivities<AssessmentActivities>({ startToCloseTimeout: '1 minute', retry: activityRetry() });

/**
 * One department's year (seed 000 §四): targets filed by the due date in the four areas and
 * confirmed or returned by the working group (each return a new round, confirmed ones filed with
 * the supervision office); the working group's comment on the mid-year snapshot; after year-end
 * scoring, the appeal window and the decision on an appeal. Ends when its score may be published.
 */
export async function departmentAssessmentWorkflow(input: AssessedDepartment): Promise<DepartmentAssessmentState> {
  const { assessmentId, departmentId, departmentName, year, subjectId } = input;
  let state: DepartmentAssessmentState = { departmentId, targets: 'awaiting_filing', targetRound: 1, midYear: 'pending', appeal: 'window_not_open' };
  const tasks = new HumanTasks(() => state);
  let snapshotTaken = false;
  let appealClosesAt: number | undefined;
  let appeal: AppealInput | undefined;

  setHandler(midYearSnapshotTakenSignal, () => void (snapshotTaken = true));
  setHandler(scorecardComputedSignal, ({ appealClosesAt: at }) => {
    appealClosesAt = Date.parse(at);
    state = { ...state, appeal: 'window_open' };
  });
  setHandler(
    fileAppealUpdate,
    async (filed) => {
      appeal = filed;
      state = { ...state, appeal: 'pending' };
      await activities.recordAssessmentAppeal(assessmentId, departmentId, filed.reasons.trim(), filed.filedBy);
      return state;
    },
    {
      validator: (filed) => {
        if (!filed.reasons?.trim()) throw ApplicationFailure.nonRetryable('an appeal requires its reasons', REASONS_REQUIRED);
        if (appealClosesAt === undefined) throw ApplicationFailure.nonRetryable('the appeal window opens when the year-end scorecard is computed', 'AppealNotOpen');
        if (appeal) throw ApplicationFailure.nonRetryable('the department has already appealed', 'AppealNotOpen');
        if (workflowNow() >= appealClosesAt) throw ApplicationFailure.nonRetryable('the appeal window has closed', 'AppealNotOpen');
      },
    },
  );

  const task = { subjectType: 'assessment_department', subjectId, onDeadline: 'keep_open' } as const;

  async function fileTargets(): Promise<void> {
    for (let round = 1; ; round++) {
      state = { ...state, targets: 'awaiting_filing', targetRound: round };
      const filed = await tasks.run({
        ...task,
        taskKey: `targets-${round}`,
        kind: 'target_filing',
        title: `报送${year}年度信息化水平考核目标${round > 1 ? `（第${round}轮）` : ''}`,
        assigneeRole: 'staff',
        assigneeDepartmentId: departmentId,
        deadline: { at: input.targetsDueAt },
      });
      if (filed.status !== 'completed') throw new Error('a target_filing task only ends by a filing');
      await activities.recordAssessmentTargets(assessmentId, departmentId, round, filed.completion.payload as TargetAreas, filed.completion.completedBy);
      state = { ...state, targets: 'under_review' };
      tasks.markSettled();

      const reviewed = await tasks.run({
        ...task,
        taskKey: `targets-${round}-review`,
        kind: 'target_review',
        title: `确认${departmentName}${year}年度考核目标${round > 1 ? `（第${round}轮）` : ''}`,
        assigneeRole: 'supervisor',
        assigneeDepartmentId: null,
        deadline: 'assessment.targetReview',
      });
      if (reviewed.status !== 'completed') throw new Error('a target_review task only ends by a review');
      const { outcome, comment, completedBy } = reviewed.completion;
      await activities.reviewAssessmentTargets(
        { assessmentId, departmentId, round, outcome: outcome as 'confirm' | 'return', comment: comment ?? null, reviewedBy: completedBy },
        `${workflowInfo().workflowId}:targets-${round}-confirmed`,
      );
      const confirmed = outcome === 'confirm';
      state = { ...state, targets: confirmed ? 'confirmed' : 'awaiting_filing' };
      tasks.markSettled();
      if (confirmed) return;
    }
  }

  async function reviewMidYear(): Promise<void> {
    await condition(() => snapshotTaken);
    state = { ...state, midYear: 'awaiting_comment' };
    const reviewed = await tasks.run({
      ...task,
      taskKey: 'midyear-review',
      kind: 'midyear_review',
      title: `${departmentName}${year}年度年中检查意见`,
      assigneeRole: 'supervisor',
      assigneeDepartmentId: null,
      deadline: 'assessment.midYearReview',
    });
    if (reviewed.status !== 'completed') throw new Error('a midyear_review task only ends by a comment');
    await activities.recordMidYearComment(assessmentId, departmentId, reviewed.completion.comment ?? '', reviewed.completion.completedBy);
    state = { ...state, midYear: 'commented' };
    tasks.markSettled();
  }

  const targetsScope = new CancellationScope();
  const midYearScope = new CancellationScope();
  const targetsDone = targetsScope.run(fileTargets).catch(ignoreCancellation);
  const midYearDone = midYearScope.run(reviewMidYear).catch(ignoreCancellation);

  await condition(() => appealClosesAt !== undefined);
  // The year is scored: targets still not confirmed stay so; their open tasks are withdrawn.
  if (state.targets !== 'confirmed') {
    targetsScope.cancel();
    await targetsDone;
    state = { ...state, targets: 'not_confirmed' };
  }

  await condition(() => appeal !== undefined, millisUntil(appealClosesAt!));
  if (appeal) {
    const decided = await tasks.run({
      ...task,
      taskKey: 'appeal-review',
      kind: 'appeal_review',
      title: `处理${departmentName}${year}年度考核申诉`,
      assigneeRole: 'supervisor',
      assigneeDepartmentId: null,
      deadline: 'assessment.appealReview',
    });
    if (decided.status !== 'completed') throw new Error('an appeal_review task only ends by a decision');
    const { outcome, comment, payload, completedBy } = decided.completion;
    const amended = outcome === 'amend';
    await activities.decideAssessmentAppeal(assessmentId, departmentId, {
      outcome: amended ? 'amend' : 'uphold',
      points: amended ? (payload!.points as number) : null,
      comment: comment ?? '',
      decidedBy: completedBy,
    });
    state = { ...state, appeal: amended ? 'amended' : 'upheld' };
  } else {
    state = { ...state, appeal: 'window_closed' };
  }
  // A mid-year comment nobody gave is moot once the year's score stands.
  midYearScope.cancel();
  await midYearDone;
  tasks.markSettled();
  await condition(allHandlersFinished);
  return state;
}

function ignoreCancellation(error: unknown): void {
  if (!isCancellation(error)) throw error;
}
