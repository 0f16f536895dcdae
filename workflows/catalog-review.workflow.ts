import { allHandlersFinished, ApplicationFailure, condition, defineUpdate, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { CatalogActivities } from '../activities/catalog.activities.js';
import type { FilingActivities } from '../activities/filing.activities.js';
import type { ReviewSubject } from '../libs/catalog/catalog.service.js';
import { HumanTasks } from './lib/human-tasks.js';
import { activityRetry } from './lib/activity-retry.js';

/**
 * Review of one submitted version of a catalog resource (registration, revision or retirement).
 * The info office approves it, or returns it with reasons; the provider revises and resubmits, and
 * each round is a task of its own. Every outcome is filed with the info office.
 */
export type CatalogReviewState = {
  resourceId: string;
  version: number;
  round: number;
  status: 'awaiting_submission' | 'in_review' | 'returned' | 'published' | 'retired';
};

export const submitForReviewUpdate = defineUpdate<CatalogReviewState, [{ submittedBy: string }]>('submitForReview');

const { markCatalogVersionInReview, returnCatalogVersion, approveCatalogVersion, appendFiling } = proxyActivities<
  CatalogActivities & FilingActivities
>({ startToCloseTimeout: '30 seconds', retry: activityRetry() });

export async function catalogReviewWorkflow(subject: ReviewSubject): Promise<CatalogReviewState> {
  let state: CatalogReviewState = { resourceId: subject.resourceId, version: subject.version, round: 0, status: 'awaiting_submission' };
  let submittedBy: string | undefined;
  const tasks = new HumanTasks(() => state);

  setHandler(
    submitForReviewUpdate,
    async (submission) => {
      submittedBy = submission.submittedBy;
      const round = state.round + 1;
      await condition(() => state.round >= round && state.status === 'in_review');
      return state;
    },
    {
      validator: (_submission) => {
        if (state.status !== 'awaiting_submission' && state.status !== 'returned') {
          throw ApplicationFailure.nonRetryable(`the resource is ${state.status.replace('_', ' ')}`, 'StaleSubmission');
        }
        if (submittedBy !== undefined) throw ApplicationFailure.nonRetryable('the resource was just submitted', 'StaleSubmission');
      },
    },
  );

  const file = (kind: string, payload: Record<string, unknown>) =>
    appendFiling({
      kind,
      authority: 'info_office',
      subjectType: 'catalog_resource',
      subjectId: subject.resourceId,
      departmentIds: [subject.providerDepartmentId],
      payload: { identifier: subject.identifier, version: subject.version, change: subject.change, name: subject.name, round: state.round, ...payload },
      idempotencyKey: `${workflowInfo().workflowId}:round-${state.round}:${kind}`,
    });

  for (;;) {
    await condition(() => submittedBy !== undefined);
    const round = state.round + 1;
    await markCatalogVersionInReview(subject.resourceId, subject.version, round);
    state = { ...state, round, status: 'in_review' };
    await file('catalog.submitted', { submittedBy });
    submittedBy = undefined;

    const result = await tasks.run({
      taskKey: `v${subject.version}-r${round}`,
      kind: 'catalog_review',
      title: `目录资源审核：${subject.name}（${subject.identifier} 第${subject.version}版）`,
      subjectType: 'catalog_resource',
      subjectId: subject.resourceId,
      assigneeRole: 'info_office',
      assigneeDepartmentId: null,
      deadline: 'catalog.review',
      onDeadline: 'keep_open',
    });
    if (result.status !== 'completed') continue;
    const { outcome, comment, completedBy } = result.completion;

    if (outcome === 'approve') {
      const status = await approveCatalogVersion(subject.resourceId, subject.version);
      await file(`catalog.${status === 'retired' ? 'retired' : subject.change === 'revise' ? 'revised' : 'published'}`, { reviewedBy: completedBy });
      state = { ...state, status: status === 'retired' ? 'retired' : 'published' };
      tasks.markSettled();
      await condition(allHandlersFinished);
      return state;
    }
    await returnCatalogVersion(subject.resourceId, subject.version, round, comment ?? '');
    await file('catalog.returned', { reviewedBy: completedBy, reasons: comment });
    state = { ...state, status: 'returned' };
    tasks.markSettled();
  }
}
