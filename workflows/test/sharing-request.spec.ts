import { jest } from '@jest/globals';
import type { WorkflowHandle } from '@temporalio/client';
import type { SharingSubject } from '../../libs/sharing/sharing.service.js';
import {
  applicationReceivedUpdate,
  sharingRequestWorkflow,
  sharingStateQuery,
  withdrawUpdate,
} from '../sharing-request.workflow.js';
import {
  RecordingActivities,
  sharingSubject,
  WorkflowTestEnv,
  SPEC_TIMEOUT_MS,
  type WorkerRun,
} from './workflow-test-env.js';

/**
 * The paths of one sharing request (seed 001 §三(四)(五)), each with its timeline, filings and tasks:
 * granted at once, approved, negotiated over rounds, refused and escalated, missed by the provider,
 * withdrawn, and held for a confidentiality agreement that the bureau returns once.
 */
// The tests of a file run at once (each on its own worker and task queue): most of their time is waiting.
jest.setTimeout(SPEC_TIMEOUT_MS);
let t: WorkflowTestEnv;
beforeAll(async () => {
  t = await WorkflowTestEnv.start();
}, 60_000);
afterAll(() => t?.teardown());

type RequestHandle = WorkflowHandle<typeof sharingRequestWorkflow>;

async function apply(
  run: WorkerRun,
  overrides: Partial<SharingSubject> = {},
): Promise<{ handle: RequestHandle; subject: SharingSubject }> {
  const subject = sharingSubject(overrides);
  const handle = await run.start(sharingRequestWorkflow, [subject], `sharing-request-${subject.requestId}`);
  return { handle, subject };
}

describe('sharing request workflow', () => {
  it.concurrent('grants an unconditional resource at once, without asking the provider', async () => {
    const fakes = new RecordingActivities();
    await t.withWorker(fakes, async (run) => {
      const { handle, subject } = await apply(run, { sharingType: 'unconditional' });
      // The application's answer waits for the first decision.
      expect(await handle.executeUpdate(applicationReceivedUpdate)).toMatchObject({ status: 'granted' });
      await fakes.until(() => fakes.callsOf('startGrantReporting').length === 1, 'reporting to start');
      expect(fakes.timeline(subject.requestId)).toEqual(['granted:granted']);
      expect(fakes.filed()).toEqual(['sharing.negotiated', 'sharing.granted']);
      expect(fakes.filing('sharing.granted').payload).toMatchObject({
        grantId: `grant-${subject.requestId}`,
        terms: subject.terms,
      });
      expect(fakes.filing('sharing.granted').departmentIds).toEqual(['dept-requester', 'dept-provider']);
      expect(fakes.tasks).toEqual([]);
      expect(await handle.query(sharingStateQuery)).toMatchObject({
        status: 'granted',
        grant: { id: `grant-${subject.requestId}`, status: 'active', validUntil: null },
      });
    });
  });

  it.concurrent(
    'grants a conditional resource when the provider approves, answering the approver with the grant',
    async () => {
      const fakes = new RecordingActivities();
      await t.withWorker(fakes, async (run) => {
        const { handle, subject } = await apply(run);
        expect(await handle.executeUpdate(applicationReceivedUpdate)).toMatchObject({
          status: 'awaiting_provider',
        });
        const review = await fakes.task('provider-review-1');
        expect(review).toMatchObject({
          kind: 'provider_review',
          assigneeRole: 'staff',
          assigneeDepartmentId: 'dept-provider',
          deadline: 'sharing.providerResponse',
          reminder: 'sharing.reminderBefore',
          subjectId: subject.requestId,
        });
        const answer = await t.complete(review, 'approve', { completedBy: 'user-provider' });
        expect(answer).toMatchObject({ status: 'granted' });
        expect(fakes.timeline(subject.requestId)).toEqual([
          'awaiting_provider:provider_review_requested',
          'granted:granted',
        ]);
        expect(fakes.filed()).toEqual(['sharing.negotiated', 'sharing.granted']);
        expect(fakes.callsOf('closeTask')).toEqual([
          [expect.objectContaining({ taskId: review.taskId, outcome: 'approve' })],
        ]);
        expect(fakes.callsOf('openSharingGrant')).toEqual([[subject.requestId, subject.terms, null]]);
      });
    },
  );

  it.concurrent(
    'negotiates over rounds: a counter-offer revised by the requester, a second one accepted, granted on the agreed terms',
    async () => {
      const fakes = new RecordingActivities();
      await t.withWorker(fakes, async (run) => {
        const { subject } = await apply(run);
        await t.complete(await fakes.task('provider-review-1'), 'counter_offer', {
          payload: { scope: '市级部门内部' },
          comment: '缩小范围',
        });
        const response1 = await fakes.task('counter-offer-response-1');
        expect(response1).toMatchObject({
          kind: 'counter_offer_response',
          assigneeDepartmentId: 'dept-requester',
          deadline: 'sharing.counterOfferResponse',
        });
        await t.complete(response1, 'revise', { payload: { method: 'file' } });

        const review2 = await fakes.task('provider-review-2');
        expect(fakes.event(subject.requestId, 'provider_review_requested').detail).toMatchObject({
          round: 2,
          terms: { ...subject.terms, scope: '市级部门内部', method: 'file' },
        });
        await t.complete(review2, 'counter_offer', { payload: { dataItems: ['统一社会信用代码'] } });
        expect(await t.complete(await fakes.task('counter-offer-response-2'), 'accept')).toMatchObject({
          status: 'granted',
        });

        const agreed = { dataItems: ['统一社会信用代码'], scope: '市级部门内部', method: 'file' };
        expect(fakes.timeline(subject.requestId)).toEqual([
          'awaiting_provider:provider_review_requested',
          'negotiating:counter_offer',
          'negotiating:terms_revised',
          'awaiting_provider:provider_review_requested',
          'negotiating:counter_offer',
          'negotiating:counter_offer_accepted',
          'granted:granted',
        ]);
        expect(fakes.filing('sharing.negotiated').payload).toMatchObject({ terms: agreed });
        expect(fakes.callsOf('openSharingGrant')[0]![1]).toEqual(agreed);
      });
    },
  );

  it.concurrent(
    'sends a refusal to coordination, which raises it to the leadership group, whose order to provide grants the request',
    async () => {
      const fakes = new RecordingActivities();
      await t.withWorker(fakes, async (run) => {
        const { handle, subject } = await apply(run);
        const refusal = await t.complete(await fakes.task('provider-review-1'), 'refuse', {
          comment: '涉及个人隐私',
          completedBy: 'user-provider',
        });
        expect(refusal).toMatchObject({ status: 'escalated' });

        const escalationId = `${handle.workflowId}-escalation-1`;
        const coordination = await fakes.task('coordination', escalationId);
        expect(coordination).toMatchObject({
          kind: 'coordination',
          assigneeRole: 'info_office',
          assigneeDepartmentId: null,
        });
        await t.complete(coordination, 'escalate', { completedBy: 'user-info-office' });
        const leadership = await fakes.task('leadership-decision', escalationId);
        expect(leadership).toMatchObject({ kind: 'leadership_decision', assigneeRole: 'leadership_group' });
        await t.complete(leadership, 'order_provide', {
          comment: '依法应当共享',
          completedBy: 'user-leader',
        });

        await fakes.until(() => fakes.timeline(subject.requestId).includes('granted:granted'), 'the grant');
        expect(fakes.timeline(subject.requestId)).toEqual([
          'awaiting_provider:provider_review_requested',
          'escalated:refused_by_provider',
          'escalated:escalated',
          'granted:granted',
        ]);
        expect(fakes.event(subject.requestId, 'escalated').detail).toEqual({
          reason: 'refused',
          reasons: '涉及个人隐私',
        });
        expect(fakes.filed()).toEqual([
          'sharing.refused_by_provider',
          'sharing.refusal_reported',
          'sharing.escalated_to_leadership',
          'sharing.escalation_decided',
          'sharing.negotiated',
          'sharing.granted',
        ]);
        expect(fakes.filing('sharing.escalated_to_leadership').payload).toMatchObject({
          cause: 'raised_by_info_office',
          reason: 'refused',
        });
        expect(fakes.filing('sharing.escalation_decided').payload).toMatchObject({
          decision: 'order_provide',
          decidedBy: 'leadership_group',
          comment: '依法应当共享',
        });
      });
    },
  );

  it.concurrent(
    'escalates a missed provider deadline after the reminder, and a coordination that upholds it refuses the request',
    async () => {
      const fakes = new RecordingActivities();
      fakes.deadlines.provider_review = { remindInMs: 300, dueInMs: 1_200 };
      await t.withWorker(fakes, async (run) => {
        const { handle, subject } = await apply(run);
        const coordination = await fakes.task('coordination', `${handle.workflowId}-escalation-1`);
        const review = fakes.tasks.find((task) => task.taskKey === 'provider-review-1')!;
        expect(review).toMatchObject({ status: 'expired', reminded: true, overdue: true });
        expect(fakes.callsOf('remindTask')).toEqual([[review.taskId]]);
        expect(fakes.event(subject.requestId, 'escalated').detail).toEqual({
          reason: 'missed_deadline',
          reasons: '提供部门未在规定时限内答复',
        });

        await t.complete(coordination, 'uphold_refusal', { comment: '数据尚未归集' });
        const final = await handle.result();
        expect(final).toMatchObject({ status: 'refused' });
        expect(fakes.timeline(subject.requestId)).toEqual([
          'awaiting_provider:provider_review_requested',
          'escalated:escalated',
          'refused:refused',
        ]);
        expect(fakes.filed()).toEqual([
          'sharing.refusal_reported',
          'sharing.escalation_decided',
          'sharing.refused',
        ]);
        expect(fakes.filing('sharing.refused').payload).toMatchObject({ reasons: '数据尚未归集' });
        expect(fakes.filing('sharing.refusal_reported').payload).toMatchObject({ reason: 'missed_deadline' });
      });
    },
  );

  it.concurrent(
    'lets the requester withdraw while the provider reviews: the review task is cancelled and the withdrawal filed',
    async () => {
      const fakes = new RecordingActivities();
      await t.withWorker(fakes, async (run) => {
        const { handle, subject } = await apply(run);
        const review = await fakes.task('provider-review-1');
        const answer = await handle.executeUpdate(withdrawUpdate, {
          args: [{ by: 'user-applicant', reason: '需求已取消' }],
        });
        expect(answer).toMatchObject({ status: 'withdrawn' });
        expect(await handle.result()).toMatchObject({ status: 'withdrawn' });
        expect(fakes.callsOf('cancelTask')).toEqual([[review.taskId]]);
        expect(fakes.filed()).toEqual(['sharing.withdrawn']);
        expect(fakes.event(subject.requestId, 'withdrawn')).toMatchObject({
          actorUserId: 'user-applicant',
          detail: { reason: '需求已取消' },
        });
      });
    },
  );

  it.concurrent('ends as withdrawn when the requester answers a counter-offer by withdrawing', async () => {
    const fakes = new RecordingActivities();
    await t.withWorker(fakes, async (run) => {
      const { handle, subject } = await apply(run);
      await t.complete(await fakes.task('provider-review-1'), 'counter_offer', {
        payload: { scope: '仅限本部门' },
      });
      expect(
        await t.complete(await fakes.task('counter-offer-response-1'), 'withdraw', {
          comment: '条件无法接受',
          completedBy: 'user-applicant',
        }),
      ).toMatchObject({
        status: 'withdrawn',
      });
      expect(await handle.result()).toMatchObject({ status: 'withdrawn' });
      expect(fakes.timeline(subject.requestId).at(-1)).toBe('withdrawn:withdrawn');
      expect(fakes.filed()).toEqual(['sharing.withdrawn']);
    });
  });

  it.concurrent('lapses when the requester leaves a counter-offer unanswered past its deadline', async () => {
    const fakes = new RecordingActivities();
    fakes.deadlines.counter_offer_response = { dueInMs: 800 };
    await t.withWorker(fakes, async (run) => {
      const { handle, subject } = await apply(run);
      await t.complete(await fakes.task('provider-review-1'), 'counter_offer', {
        payload: { scope: '仅限本部门' },
      });
      expect(await handle.result()).toMatchObject({ status: 'lapsed' });
      expect(fakes.event(subject.requestId, 'lapsed').detail).toEqual({
        cause: 'counter_offer_not_answered',
      });
      expect(fakes.filed()).toEqual(['sharing.lapsed']);
    });
  });

  it.concurrent('refuses a withdrawal once the request is granted', async () => {
    const fakes = new RecordingActivities();
    await t.withWorker(fakes, async (run) => {
      const { handle } = await apply(run, { sharingType: 'unconditional' });
      await handle.executeUpdate(applicationReceivedUpdate);
      await expect(
        handle.executeUpdate(withdrawUpdate, { args: [{ by: 'user-applicant' }] }),
      ).rejects.toMatchObject({
        cause: { type: 'InvalidState', message: 'a request that is granted cannot be withdrawn' },
      });
      expect(fakes.filed()).not.toContain('sharing.withdrawn');
    });
  });

  it.concurrent(
    'holds a confidential request for the agreement: returned by the bureau, re-signed as version 2, acknowledged, then granted',
    async () => {
      const fakes = new RecordingActivities();
      await t.withWorker(fakes, async (run) => {
        const { handle, subject } = await apply(run, { confidential: true });
        expect(await t.complete(await fakes.task('provider-review-1'), 'approve')).toMatchObject({
          status: 'awaiting_agreement',
        });
        const agreementId = `${handle.workflowId}-agreement`;

        const sign = async (version: number) => {
          const requester = await fakes.task(`agreement-signature-v${version}-requester`, agreementId);
          const provider = await fakes.task(`agreement-signature-v${version}-provider`, agreementId);
          expect([
            requester.assigneeRole,
            requester.assigneeDepartmentId,
            provider.assigneeDepartmentId,
          ]).toEqual(['head', 'dept-requester', 'dept-provider']);
          // Either order: the provider's head signs first here.
          await t.complete(provider, 'sign', { completedBy: 'head-provider' });
          await t.complete(requester, 'sign', { completedBy: 'head-requester' });
          return fakes.task(`agreement-filing-v${version}`, agreementId);
        };
        const filing1 = await sign(1);
        expect(filing1).toMatchObject({ kind: 'agreement_filing', assigneeRole: 'secrecy_bureau' });
        await t.complete(filing1, 'return', { comment: '保密期限未写明', completedBy: 'user-bureau' });
        const filing2 = await sign(2);
        await t.complete(filing2, 'acknowledge', { completedBy: 'user-bureau' });

        await fakes.until(() => fakes.timeline(subject.requestId).includes('granted:granted'), 'the grant');
        expect(fakes.callsOf('draftAgreement').map(([draft]) => [draft.version, draft.corrects])).toEqual([
          [1, null],
          [2, { version: 1, reasons: '保密期限未写明' }],
        ]);
        expect(fakes.callsOf('signAgreement').map(([s]) => `v${s.version}:${s.party}:${s.userId}`)).toEqual([
          'v1:provider:head-provider',
          'v1:requester:head-requester',
          'v2:provider:head-provider',
          'v2:requester:head-requester',
        ]);
        expect(fakes.callsOf('fileAgreement').map(([f]) => `v${f.version}:${f.status}`)).toEqual([
          'v1:awaiting_filing',
          'v1:returned',
          'v2:awaiting_filing',
          'v2:acknowledged',
        ]);
        expect(fakes.filed()).toEqual([
          'sharing.negotiated',
          'agreement.returned',
          'agreement.acknowledged',
          'sharing.granted',
        ]);
        expect(fakes.filing('agreement.returned')).toMatchObject({
          authority: 'secrecy_bureau',
          payload: { version: 1, reasons: '保密期限未写明' },
        });
        const types = fakes.timeline(subject.requestId);
        expect(types.slice(0, 2)).toEqual([
          'awaiting_provider:provider_review_requested',
          'awaiting_agreement:agreement_required',
        ]);
        expect(types.filter((entry) => entry.endsWith('agreement_returned'))).toEqual([
          'awaiting_agreement:agreement_returned',
        ]);
        expect(types.at(-2)).toBe('awaiting_filing:agreement_acknowledged');
        expect(types.at(-1)).toBe('granted:granted');
      });
    },
  );

  it.concurrent(
    'cancels the agreement and its signature tasks when the requester withdraws during signing',
    async () => {
      const fakes = new RecordingActivities();
      await t.withWorker(fakes, async (run) => {
        const { handle } = await apply(run, { confidential: true });
        await t.complete(await fakes.task('provider-review-1'), 'approve');
        const agreementId = `${handle.workflowId}-agreement`;
        const requester = await fakes.task('agreement-signature-v1-requester', agreementId);
        const provider = await fakes.task('agreement-signature-v1-provider', agreementId);
        await t.complete(provider, 'sign');
        expect(
          await handle.executeUpdate(withdrawUpdate, { args: [{ by: 'user-applicant' }] }),
        ).toMatchObject({ status: 'withdrawn' });
        expect(fakes.tasks.find((task) => task.taskId === requester.taskId)!.status).toBe('cancelled');
        expect(fakes.callsOf('fileAgreement').map(([f]) => f.status)).toEqual(['cancelled']);
        expect(fakes.filed()).toEqual(['sharing.negotiated', 'sharing.withdrawn']);
        expect(fakes.callsOf('openSharingGrant')).toEqual([]);
      });
    },
  );
});
