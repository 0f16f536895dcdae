import { allHandlersFinished, CancellationScope, condition, isCancellation, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { AgreementActivities } from '../activities/agreement.activities.js';
import type { FilingActivities } from '../activities/filing.activities.js';
import type { SharingActivities } from '../activities/sharing.activities.js';
import type { AgreementParty } from '../libs/database/entities/sharing-agreement.entity.js';
import type { SharingTerms } from '../libs/domain/sharing.js';
import { HumanTasks } from './lib/human-tasks.js';
import { activityRetry } from './lib/activity-retry.js';

/**
 * The confidentiality agreement of a sharing request for confidential data (seed 001 §三(五)):
 * 信息需求方和提供方要签订政务信息共享安全保密协议，并报市保密局备案. The head of each party signs
 * (in any order), then the secrecy bureau files it: an acknowledgement ends the child, and the
 * parent may grant; a return with reasons draws up a corrected version that both sign again.
 */
export interface AgreementInput {
  requestId: string;
  requesterDepartmentId: string;
  providerDepartmentId: string;
  resourceName: string;
  identifier: string;
  terms: SharingTerms;
  validUntil: string | null;
}

export interface AgreementResult {
  version: number;
  acknowledgedBy: string;
}

export type AgreementState = { requestId: string; version: number; stage: 'signing' | 'filing' | 'acknowledged' | 'cancelled'; signed: AgreementParty[] };

const { draftAgreement, signAgreement, fileAgreement, changeSharingStatus, appendFiling } = proxyActivities<
  AgreementActivities & SharingActivities & FilingActivities
>({ startToCloseTimeout: '30 seconds', retry: activityRetry() });

export async function confidentialityAgreementWorkflow(input: AgreementInput): Promise<AgreementResult> {
  const workflowId = workflowInfo().workflowId;
  let state: AgreementState = { requestId: input.requestId, version: 1, stage: 'signing', signed: [] };
  const tasks = new HumanTasks(() => state);
  const departmentOf: Record<AgreementParty, string> = { requester: input.requesterDepartmentId, provider: input.providerDepartmentId };
  const partyLabel: Record<AgreementParty, string> = { requester: '需求方', provider: '提供方' };

  const event = (status: 'awaiting_agreement' | 'awaiting_filing', type: string, detail: Record<string, unknown>, actorUserId?: string) =>
    changeSharingStatus({
      requestId: input.requestId,
      status,
      eventKey: `agreement:v${state.version}:${type}${detail.party ? `:${String(detail.party)}` : ''}`,
      type,
      actorUserId,
      detail: { version: state.version, ...detail },
    });
  const file = (kind: string, payload: Record<string, unknown>) =>
    appendFiling({
      kind,
      authority: 'secrecy_bureau',
      subjectType: 'sharing_request',
      subjectId: input.requestId,
      departmentIds: [input.requesterDepartmentId, input.providerDepartmentId],
      payload: { resourceName: input.resourceName, identifier: input.identifier, version: state.version, ...payload },
      idempotencyKey: `${workflowId}:v${state.version}:${kind}`,
    });

  const sign = async (party: AgreementParty) => {
    const signature = await tasks.run({
      taskKey: `agreement-signature-v${state.version}-${party}`,
      kind: 'agreement_signature',
      title: `签署政务信息共享安全保密协议（${partyLabel[party]}）：${input.resourceName}`,
      subjectType: 'sharing_request',
      subjectId: input.requestId,
      assigneeRole: 'head',
      assigneeDepartmentId: departmentOf[party],
      deadline: 'agreement.signature',
      onDeadline: 'keep_open',
    });
    if (signature.status !== 'completed') throw new Error('a signature task only ends by a signature');
    const { completedBy } = signature.completion;
    await signAgreement({ requestId: input.requestId, version: state.version, party, departmentId: departmentOf[party], userId: completedBy });
    state = { ...state, signed: [...state.signed, party] };
    await event('awaiting_agreement', 'agreement_signed', { party }, completedBy);
    tasks.settle(signature.completion.taskId);
  };

  let corrects: { version: number; reasons: string } | null = null;
  try {
    for (;;) {
      await draftAgreement({ requestId: input.requestId, version: state.version, terms: input.terms, resourceName: input.resourceName, validUntil: input.validUntil, corrects });
      await event('awaiting_agreement', 'agreement_drafted', { corrects });
      // Both heads sign, in any order; each run ends its own task (cancelled together on withdrawal).
      const signed = await Promise.allSettled([sign('requester'), sign('provider')]);
      const failed = signed.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;

      state = { ...state, stage: 'filing' };
      await fileAgreement({ requestId: input.requestId, version: state.version, status: 'awaiting_filing' });
      await event('awaiting_filing', 'agreement_submitted_for_filing', {});
      tasks.markSettled();
      const filing = await tasks.run({
        taskKey: `agreement-filing-v${state.version}`,
        kind: 'agreement_filing',
        title: `备案政务信息共享安全保密协议：${input.resourceName}`,
        subjectType: 'sharing_request',
        subjectId: input.requestId,
        assigneeRole: 'secrecy_bureau',
        assigneeDepartmentId: null,
        deadline: 'agreement.filing',
        onDeadline: 'keep_open',
      });
      if (filing.status !== 'completed') throw new Error('a filing task only ends by a decision');
      const { outcome, comment, completedBy } = filing.completion;
      if (outcome === 'acknowledge') {
        await fileAgreement({ requestId: input.requestId, version: state.version, status: 'acknowledged', comment: comment ?? null, by: completedBy });
        await file('agreement.acknowledged', { acknowledgedBy: completedBy, comment: comment ?? null });
        await event('awaiting_filing', 'agreement_acknowledged', { comment: comment ?? null }, completedBy);
        state = { ...state, stage: 'acknowledged' };
        tasks.markSettled();
        await condition(allHandlersFinished);
        return { version: state.version, acknowledgedBy: completedBy };
      }
      await fileAgreement({ requestId: input.requestId, version: state.version, status: 'returned', comment: comment ?? null, by: completedBy });
      await file('agreement.returned', { returnedBy: completedBy, reasons: comment ?? null });
      await event('awaiting_agreement', 'agreement_returned', { reasons: comment ?? null }, completedBy);
      corrects = { version: state.version, reasons: comment ?? '' };
      state = { requestId: input.requestId, version: state.version + 1, stage: 'signing', signed: [] };
      // The bureau has its answer; the corrected version's two signatures may take days.
      tasks.markSettled();
    }
  } catch (error) {
    if (isCancellation(error)) {
      state = { ...state, stage: 'cancelled' };
      await CancellationScope.nonCancellable(async () => {
        await fileAgreement({ requestId: input.requestId, version: state.version, status: 'cancelled' });
        tasks.markSettled();
      });
    }
    throw error;
  }
}
