import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  defineQuery,
  defineUpdate,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { DatabaseRegistryActivities } from '../activities/database-registry.activities.js';
import type { FilingActivities } from '../activities/filing.activities.js';
import {
  DATABASE_STEPS,
  DATABASE_SUBJECT_TYPE,
  INVALID_STEP_REQUEST,
  STEP_NOT_ALLOWED,
  stepConflict,
  stepRequestProblem,
  type DatabaseAttributes,
  type DatabaseStatus,
  type DatabaseStep,
  type StepRoundStatus,
} from '../libs/domain/government-databases.js';
import { HumanTasks } from './lib/human-tasks.js';
import { activityRetry } from './lib/activity-retry.js';

/**
 * The life of one department's government database (seed 001 §三(二)): filed, registered,
 * operating, updated, deregistered. The department requests each step (an Update, so a step the
 * current status does not allow is refused before it enters history); the info office reviews it
 * through a task; an approved step is applied and filed, a returned one may be resubmitted.
 */
export interface GovernmentDatabaseInput {
  databaseId: string;
  departmentId: string;
  /** Carried over by continue-as-new. */
  state?: GovernmentDatabaseState;
}

export interface StepRequest {
  step: DatabaseStep;
  requestedBy: string;
  /** The filing itself: the first request of a database, and only it, carries the full attributes. */
  attributes?: DatabaseAttributes;
  changes?: Partial<DatabaseAttributes>;
  reason?: string;
}

export interface StepRound {
  stepNo: number;
  step: DatabaseStep;
  round: number;
  status: StepRoundStatus;
  comment?: string;
  filingSeq?: number;
}

export interface GovernmentDatabaseState {
  databaseId: string;
  /** Null until the filing has been received. */
  status: DatabaseStatus | null;
  /** The last step number given out; a resubmission keeps its step's number and counts rounds. */
  stepNo: number;
  latest: StepRound | null;
}

export const requestDatabaseStepUpdate = defineUpdate<GovernmentDatabaseState, [StepRequest]>('requestStep');
export const governmentDatabaseStateQuery = defineQuery<GovernmentDatabaseState>('state');

const { recordDatabaseStepRequest, approveDatabaseStep, returnDatabaseStep, linkDatabaseStepFiling } =
  proxyActivities<DatabaseRegistryActivities>({ startToCloseTimeout: '30 seconds', retry: activityRetry('30 seconds') });
const { appendFiling } = proxyActivities<FilingActivities>({ startToCloseTimeout: '30 seconds', retry: activityRetry() });

interface PendingRequest {
  request: StepRequest;
  round: StepRound;
  recorded: boolean;
}

export async function governmentDatabaseWorkflow(input: GovernmentDatabaseInput): Promise<GovernmentDatabaseState> {
  const { databaseId, departmentId } = input;
  const state: GovernmentDatabaseState = input.state ?? { databaseId, status: null, stepNo: 0, latest: null };
  let pending: PendingRequest | undefined;
  setHandler(governmentDatabaseStateQuery, () => state);
  const tasks = new HumanTasks(() => state);

  setHandler(
    requestDatabaseStepUpdate,
    async (request) => {
      const latest = state.latest;
      const resubmission = latest?.status === 'returned' && latest.step === request.step;
      const round: StepRound = {
        stepNo: resubmission ? latest.stepNo : state.stepNo + 1,
        step: request.step,
        round: resubmission ? latest.round + 1 : 1,
        status: 'in_review',
      };
      state.stepNo = round.stepNo;
      state.latest = round;
      state.status ??= 'filed';
      const entry: PendingRequest = { request, round, recorded: false };
      pending = entry;
      // Answer once the request is on record, so the caller can read it straight away.
      await condition(() => entry.recorded);
      return state;
    },
    { validator: (request) => validateRequest(state, request) },
  );

  for (;;) {
    await condition(() => pending !== undefined || (workflowInfo().continueAsNewSuggested && allHandlersFinished()));
    const current = pending;
    if (!current) return continueAsNew<typeof governmentDatabaseWorkflow>({ databaseId, departmentId, state });
    const { request, round } = current;
    const ref = { databaseId, stepNo: round.stepNo, round: round.round };
    const { name } = await recordDatabaseStepRequest({
      ...ref,
      departmentId,
      step: round.step,
      requestedBy: request.requestedBy,
      attributes: request.attributes,
      changes: request.changes,
      reason: request.reason,
    });
    current.recorded = true;
    pending = undefined;

    const rule = DATABASE_STEPS[round.step];
    const result = await tasks.run({
      taskKey: `step-${round.stepNo}-${round.step}-round-${round.round}`,
      kind: 'database_review',
      title: `数据库${rule.label}审核：${name}${round.round > 1 ? `（第${round.round}轮）` : ''}`,
      subjectType: DATABASE_SUBJECT_TYPE,
      subjectId: databaseId,
      assigneeRole: 'info_office',
      assigneeDepartmentId: null,
      deadline: 'database.review',
      onDeadline: 'keep_open',
    });
    if (result.status === 'expired') throw ApplicationFailure.nonRetryable('a review kept open past its deadline expired');

    const { outcome, comment, completedBy } = result.completion;
    const review = { ...ref, reviewedBy: completedBy, comment };
    if (outcome === 'approve') {
      const database = await approveDatabaseStep(review);
      const filing = await appendFiling({
        kind: rule.filingKind,
        authority: 'info_office',
        subjectType: DATABASE_SUBJECT_TYPE,
        subjectId: databaseId,
        departmentIds: [departmentId],
        payload: {
          step: round.step,
          stepNo: round.stepNo,
          round: round.round,
          requestedBy: request.requestedBy,
          reason: request.reason ?? null,
          changes: request.changes ?? null,
          approvedBy: completedBy,
          comment: comment ?? null,
          database,
        },
        idempotencyKey: `${workflowInfo().workflowId}:step-${round.stepNo}-${round.step}`,
      });
      await linkDatabaseStepFiling({ ...ref, filingSeq: filing.seq });
      state.status = rule.to;
      state.latest = { ...round, status: 'approved', comment, filingSeq: filing.seq };
    } else {
      await returnDatabaseStep(review);
      state.latest = { ...round, status: 'returned', comment };
    }
    tasks.markSettled();
    if (state.status === 'deregistered') break;
  }

  await condition(allHandlersFinished);
  return state;
}

function validateRequest(state: GovernmentDatabaseState, request: StepRequest): void {
  const inReview = state.latest?.status === 'in_review' ? state.latest.step : null;
  const conflict = stepConflict(state.status, inReview, request.step);
  if (conflict) throw ApplicationFailure.nonRetryable(conflict, STEP_NOT_ALLOWED);
  if ((state.status === null) !== (request.attributes !== undefined)) {
    throw ApplicationFailure.nonRetryable('only the first request of a database carries its filing', INVALID_STEP_REQUEST);
  }
  const problem = stepRequestProblem(request.step, request);
  if (problem) throw ApplicationFailure.nonRetryable(problem.message, INVALID_STEP_REQUEST);
}
