import { allHandlersFinished, CancellationScope, condition, isCancellation, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { CollectionActivities } from '../activities/collection.activities.js';
import type { FilingActivities } from '../activities/filing.activities.js';
import type { CollectionDecision, CollectionSubject, Reviewer } from '../libs/collection/collection.service.js';
import { TASK_KINDS, type TaskCompletion } from '../libs/domain/task-kinds.js';
import { HumanTasks, type HumanTaskResult } from './lib/human-tasks.js';
import { activityRetry } from './lib/activity-retry.js';

/**
 * Registration of a planned collection (一数一源, seed 001 §三(一)). The catalog and the registry are
 * searched for the same items first; then the statistics bureau and the info office review it at
 * once, a task each. Both approving enters it in the public collection-responsibility catalog;
 * either rejecting it, or naming the existing source it duplicates, decides at once and cancels the
 * other review. Every outcome is filed with the info office and told to the declaring department.
 */
export type CollectionRegistrationState = {
  registrationId: string;
  status: 'submitted' | 'in_review' | CollectionDecision['outcome'];
  approvedBy: Reviewer[];
};

const REVIEWERS = TASK_KINDS.collection_review.assigneeRoles;

const { attachCollectionCandidates, decideCollectionRegistration, appendFiling } = proxyActivities<CollectionActivities & FilingActivities>({
  startToCloseTimeout: '30 seconds',
  retry: activityRetry(),
});

export async function collectionRegistrationWorkflow(subject: CollectionSubject): Promise<CollectionRegistrationState> {
  let state: CollectionRegistrationState = { registrationId: subject.registrationId, status: 'submitted', approvedBy: [] };
  const tasks = new HumanTasks(() => state);

  const candidates = await attachCollectionCandidates(subject.registrationId);
  state = { ...state, status: 'in_review' };

  const reviews = new CancellationScope();
  const results: { reviewer: (typeof REVIEWERS)[number]; result: HumanTaskResult }[] = [];
  const running = REVIEWERS.map((role) =>
    reviews
      .run(() =>
        tasks.run({
          taskKey: `review-${role}`,
          kind: 'collection_review',
          title: `采集登记审核：${subject.subject}（${subject.departmentName}）`,
          subjectType: 'collection_registration',
          subjectId: subject.registrationId,
          assigneeRole: role,
          assigneeDepartmentId: null,
          deadline: 'collection.review',
          onDeadline: 'keep_open',
        }),
      )
      .then(
        (result) => void results.push({ reviewer: role, result }),
        (error: unknown) => {
          if (!isCancellation(error)) throw error;
        },
      ),
  );

  let decisive: { role: (typeof REVIEWERS)[number]; completion: TaskCompletion } | undefined;
  while (!decisive && state.approvedBy.length < REVIEWERS.length) {
    await condition(() => results.length > 0);
    const { reviewer: role, result } = results.shift()!;
    if (result.status !== 'completed') continue; // keep_open: a passed deadline marks the task overdue, it stays open
    const { outcome, completedBy } = result.completion;
    if (outcome !== 'approve') {
      decisive = { role, completion: result.completion };
      continue;
    }
    state = { ...state, approvedBy: [...state.approvedBy, { role, userId: completedBy }] };
    if (state.approvedBy.length < REVIEWERS.length) tasks.settle(result.completion.taskId);
  }
  reviews.cancel();
  await Promise.all(running);

  const decision = decisionOf(decisive, state.approvedBy);
  const record = await decideCollectionRegistration(subject.registrationId, decision);
  const { outcome, ...details } = decision;
  await appendFiling({
    kind: `collection.${outcome}`,
    authority: 'info_office',
    subjectType: 'collection_registration',
    subjectId: subject.registrationId,
    departmentIds: [subject.departmentId],
    payload: { subject: subject.subject, department: subject.departmentName, candidates, ...details, ...record },
    idempotencyKey: `${workflowInfo().workflowId}:outcome`,
  });
  state = { ...state, status: outcome };
  tasks.markSettled();
  await condition(allHandlersFinished);
  return state;
}

function decisionOf(
  decisive: { role: (typeof REVIEWERS)[number]; completion: TaskCompletion } | undefined,
  approvedBy: Reviewer[],
): CollectionDecision {
  if (!decisive) return { outcome: 'approved', reviewers: approvedBy };
  const { role, completion } = decisive;
  const reviewer = { role, userId: completion.completedBy };
  if (completion.outcome === 'reject') return { outcome: 'rejected', reviewer, reasons: completion.comment! };
  return { outcome: 'duplicate', reviewer, of: completion.payload!.of as string, comment: completion.comment };
}
