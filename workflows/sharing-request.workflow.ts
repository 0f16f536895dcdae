import {
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  defineQuery,
  defineUpdate,
  executeChild,
  isCancellation,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { FilingActivities } from '../activities/filing.activities.js';
import type { SharingActivities } from '../activities/sharing.activities.js';
import { concernedDepartments, UNDECIDED_STATUSES, type SharingStatus, type SharingTerms } from '../libs/domain/sharing.js';
import type { SharingSubject } from '../libs/sharing/sharing.service.js';
import { confidentialityAgreementWorkflow } from './confidentiality-agreement.workflow.js';
import { HumanTasks } from './lib/human-tasks.js';
import { providerAnswerTask } from './lib/sharing-tasks.js';
import { refusalEscalationWorkflow, type EscalationInput } from './refusal-escalation.workflow.js';
import { GrantLifecycle, type GrantState } from './sharing-grant-lifecycle.js';

export {
  renewGrantUpdate,
  reportNonDeliveryUpdate,
  resumeGrantUpdate,
  revokeGrantUpdate,
  suspendGrantUpdate,
  type GrantState,
} from './sharing-grant-lifecycle.js';
import { activityRetry } from './lib/activity-retry.js';

/**
 * One application for another department's data (seed 001 §三(四)(五)): granted at once when the
 * resource is unconditional; otherwise the provider answers by a deadline — approve, counter-offer
 * (several rounds, the requester accepting, revising or withdrawing) or refuse with reasons. A refusal
 * or a missed deadline goes to the info office as a child workflow whose decision binds. A request
 * naming a source grant (onward sharing) always goes to the provider. What follows a grant — expiry,
 * renewal, suspension, revocation, non-delivery — is the grant's lifecycle (sharing-grant-lifecycle.ts).
 */
export type SharingState = {
  requestId: string;
  status: SharingStatus;
  terms: SharingTerms;
  grant?: GrantState;
};

export const sharingStateQuery = defineQuery<SharingState>('state');
/** Resolves once the workflow has taken its first decision: lets the application answer with the status. */
export const applicationReceivedUpdate = defineUpdate<SharingState, []>('applicationReceived');
export const withdrawUpdate = defineUpdate<SharingState, [{ by: string; reason?: string }]>('withdraw');

const { changeSharingStatus, appendFiling } = proxyActivities<SharingActivities & FilingActivities>({
  startToCloseTimeout: '30 seconds',
  retry: activityRetry(),
});

type Decision =
  { kind: 'approved'; terms: SharingTerms } | { kind: 'refused'; reasons: string } | { kind: 'lapsed' };

export async function sharingRequestWorkflow(subject: SharingSubject): Promise<SharingState> {
  const workflowId = workflowInfo().workflowId;
  let state: SharingState = { requestId: subject.requestId, status: 'submitted', terms: subject.terms };
  const tasks = new HumanTasks(() => state);
  const negotiation = new CancellationScope();
  /** The confidentiality agreement step: a withdrawal cancels it (and the child's open tasks) as it does the negotiation. */
  const agreement = new CancellationScope();
  let withdrawal: { by: string; reason?: string } | undefined;
  let escalations = 0;

  setHandler(sharingStateQuery, () => state);
  setHandler(applicationReceivedUpdate, async () => {
    await condition(() => state.status !== 'submitted');
    return state;
  });
  setHandler(
    withdrawUpdate,
    async (request) => {
      withdrawal = request;
      negotiation.cancel();
      agreement.cancel();
      await condition(() => state.status === 'withdrawn');
      return state;
    },
    {
      validator: (_request) => {
        if (!UNDECIDED_STATUSES.includes(state.status) || withdrawal) {
          throw ApplicationFailure.nonRetryable(
            `a request that is ${state.status} cannot be withdrawn`,
            'InvalidState',
          );
        }
      },
    },
  );
  let eventCount = 0;
  // Each outcome is filed before the status shows it, so whoever sees the status finds the filing.
  const moveTo = async (
    status: SharingStatus,
    type: string,
    detail: Record<string, unknown> = {},
    actorUserId?: string,
    terms?: SharingTerms,
  ) => {
    eventCount += 1;
    await changeSharingStatus({
      requestId: subject.requestId,
      status,
      eventKey: `${eventCount}:${type}`,
      type,
      actorUserId,
      detail,
      terms,
    });
    state = { ...state, status, terms: terms ?? state.terms };
  };
  const file = (kind: string, payload: Record<string, unknown> = {}) =>
    appendFiling({
      kind,
      authority: 'info_office',
      subjectType: 'sharing_request',
      subjectId: subject.requestId,
      departmentIds: concernedDepartments({ ...subject, ...subject.onward }),
      payload: {
        resourceId: subject.resourceId,
        identifier: subject.identifier,
        resourceName: subject.resourceName,
        ...payload,
      },
      idempotencyKey: `${workflowId}:${eventCount}:${kind}`,
    });
  const startEscalation = (reason: EscalationInput['reason'], reasons: string) => {
    escalations += 1;
    return executeChild(refusalEscalationWorkflow, {
      workflowId: `${workflowId}-escalation-${escalations}`,
      args: [
        {
          requestId: subject.requestId,
          requesterDepartmentId: subject.requesterDepartmentId,
          providerDepartmentId: subject.providerDepartmentId,
          resourceName: subject.resourceName,
          reason,
          reasons,
        },
      ],
    });
  };
  const escalate = async (reason: EscalationInput['reason'], reasons: string) => {
    await moveTo('escalated', 'escalated', { reason, reasons });
    // Whoever refused has their answer now; the coordination may take weeks.
    tasks.markSettled();
    return startEscalation(reason, reasons);
  };
  const grant = new GrantLifecycle({
    subject,
    tasks,
    state: () => state,
    showGrant: (shown) => (state = { ...state, grant: shown }),
    moveTo,
    file,
    escalation: startEscalation,
    onSourceEnded: () => {
      negotiation.cancel();
      agreement.cancel();
    },
  });

  const negotiate = async (): Promise<Decision> => {
    // Onward sharing is the original provider's to allow, whatever the resource's sharing type.
    if (subject.sharingType === 'unconditional' && !subject.onward) return { kind: 'approved', terms: subject.terms };
    let terms = subject.terms;
    for (let round = 1; ; round++) {
      const onward = round === 1 && subject.onward ? { onward: subject.onward } : {};
      await moveTo('awaiting_provider', 'provider_review_requested', { round, terms, ...onward }, undefined, terms);
      const review = await tasks.run(
        providerAnswerTask(subject, {
          taskKey: `provider-review-${round}`,
          kind: 'provider_review',
          title: `答复共享申请：${subject.resourceName}`,
        }),
      );
      if (review.status === 'expired')
        return decideEscalation(await escalate('missed_deadline', '提供部门未在规定时限内答复'), terms);
      const { outcome, comment, payload, completedBy } = review.completion;
      if (outcome === 'approve') return { kind: 'approved', terms };
      if (outcome === 'refuse') {
        await file('sharing.refused_by_provider', { reasons: comment });
        await moveTo('escalated', 'refused_by_provider', { reasons: comment }, completedBy);
        return decideEscalation(await escalate('refused', comment ?? ''), terms);
      }
      const proposal: SharingTerms = { ...terms, ...(payload as Partial<SharingTerms>) };
      await moveTo('negotiating', 'counter_offer', { round, proposal, comment }, completedBy);
      const response = await tasks.run({
        taskKey: `counter-offer-response-${round}`,
        kind: 'counter_offer_response',
        title: `答复协商方案：${subject.resourceName}`,
        subjectType: 'sharing_request',
        subjectId: subject.requestId,
        assigneeRole: 'staff',
        assigneeDepartmentId: subject.requesterDepartmentId,
        deadline: 'sharing.counterOfferResponse',
        reminder: 'sharing.reminderBefore',
        onDeadline: 'expire',
      });
      if (response.status === 'expired') return { kind: 'lapsed' };
      const answer = response.completion;
      if (answer.outcome === 'accept') {
        await moveTo('negotiating', 'counter_offer_accepted', { round }, answer.completedBy, proposal);
        return { kind: 'approved', terms: proposal };
      }
      if (answer.outcome === 'withdraw') {
        withdrawal = { by: answer.completedBy, reason: answer.comment };
        throw ApplicationFailure.nonRetryable('withdrawn in negotiation', 'Withdrawn');
      }
      terms = { ...proposal, ...(answer.payload as Partial<SharingTerms>) };
      await moveTo('negotiating', 'terms_revised', { round, terms }, answer.completedBy);
    }
  };

  const decideEscalation = (result: Awaited<ReturnType<typeof escalate>>, terms: SharingTerms): Decision =>
    result.decision === 'order_provide'
      ? { kind: 'approved', terms }
      : { kind: 'refused', reasons: result.comment ?? '' };

  let decision: Decision;
  try {
    decision = await negotiation.run(negotiate);
  } catch (error) {
    if (grant.sourceHasEnded && isCancellation(error)) return sourceEnded();
    if (
      !withdrawal ||
      !(isCancellation(error) || (error instanceof ApplicationFailure && error.type === 'Withdrawn'))
    )
      throw error;
    return withdrawn();
  }

  if (decision.kind === 'lapsed') {
    await file('sharing.lapsed');
    await moveTo('lapsed', 'lapsed', { cause: 'counter_offer_not_answered' });
    return finish();
  }
  if (decision.kind === 'refused') {
    await file('sharing.refused', { reasons: decision.reasons });
    await moveTo('refused', 'refused', { reasons: decision.reasons });
    return finish();
  }

  // 协商结果报市信息办备案: the agreed terms are filed before anything flows.
  await file('sharing.negotiated', { terms: decision.terms });
  if (subject.confidential) {
    // 涉及保密要求的，双方签订保密协议并报市保密局备案: nothing is granted before the bureau acknowledges it.
    try {
      await agreement.run(async () => {
        await moveTo('awaiting_agreement', 'agreement_required', { terms: decision.terms });
        tasks.markSettled();
        await executeChild(confidentialityAgreementWorkflow, {
          workflowId: `${workflowId}-agreement`,
          args: [
            {
              requestId: subject.requestId,
              requesterDepartmentId: subject.requesterDepartmentId,
              providerDepartmentId: subject.providerDepartmentId,
              resourceName: subject.resourceName,
              identifier: subject.identifier,
              terms: decision.terms,
              validUntil: subject.validUntil,
            },
          ],
        });
      });
    } catch (error) {
      if (grant.sourceHasEnded && isCancellation(error)) return sourceEnded();
      if (!withdrawal || !isCancellation(error)) throw error;
      return withdrawn();
    }
    // A withdrawal accepted as the bureau acknowledged still wins: nothing has been granted yet.
    if (withdrawal) return withdrawn();
    state = { ...state, status: 'awaiting_filing' };
  }
  await grant.run(decision.terms);
  return finish();

  async function withdrawn(): Promise<SharingState> {
    await CancellationScope.nonCancellable(async () => {
      await file('sharing.withdrawn', { by: withdrawal!.by });
      await moveTo('withdrawn', 'withdrawn', { reason: withdrawal!.reason ?? null }, withdrawal!.by);
    });
    return finish();
  }

  /** An onward request whose source grant ended before it was granted. */
  async function sourceEnded(): Promise<SharingState> {
    await CancellationScope.nonCancellable(() => grant.refuseForEndedSource());
    return finish();
  }

  async function finish(): Promise<SharingState> {
    tasks.markSettled();
    await condition(allHandlersFinished);
    return state;
  }
}
