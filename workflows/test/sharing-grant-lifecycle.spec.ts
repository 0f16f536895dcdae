import { jest } from '@jest/globals';
import type { WorkflowHandle } from '@temporalio/client';
import type { SharingSubject } from '../../libs/sharing/sharing.service.js';
import { workflowIds } from '../../libs/temporal/workflow-ids.js';
import { sourceGrantEndedSignal } from '../sharing-grant-lifecycle.js';
import {
  applicationReceivedUpdate,
  renewGrantUpdate,
  reportNonDeliveryUpdate,
  resumeGrantUpdate,
  revokeGrantUpdate,
  sharingRequestWorkflow,
  sharingStateQuery,
  suspendGrantUpdate,
} from '../sharing-request.workflow.js';
import {
  inMs,
  RecordingActivities,
  sharingSubject,
  WorkflowTestEnv,
  SPEC_TIMEOUT_MS,
  type WorkerRun,
} from './workflow-test-env.js';

/**
 * The life of a grant (sharing-grant-lifecycle.ts), driven through its request's workflow: an unconditional
 * request is granted at once, so each spec starts from an active grant. End dates are seconds ahead and the
 * fake `grantExpiryNoticeAt` answers one second before the end, so notices and expiries happen within the spec.
 */
// The tests of a file run at once (each on its own worker and task queue): most of their time is waiting.
jest.setTimeout(SPEC_TIMEOUT_MS);
let t: WorkflowTestEnv;
beforeAll(async () => {
  t = await WorkflowTestEnv.start();
}, 60_000);
afterAll(() => t?.teardown());

type RequestHandle = WorkflowHandle<typeof sharingRequestWorkflow>;

async function granted(
  run: WorkerRun,
  overrides: Partial<SharingSubject> = {},
): Promise<{ handle: RequestHandle; subject: SharingSubject; grantId: string }> {
  const subject = sharingSubject({ sharingType: 'unconditional', ...overrides });
  const handle = await run.start(
    sharingRequestWorkflow,
    [subject],
    workflowIds.sharingRequest(subject.requestId),
  );
  expect(await handle.executeUpdate(applicationReceivedUpdate)).toMatchObject({ status: 'granted' });
  return { handle, subject, grantId: `grant-${subject.requestId}` };
}

const farEnd = () => inMs(60 * 60_000);

describe('sharing grant lifecycle', () => {
  it.concurrent(
    'sends the expiry notice before the end date, then expires the grant and what was passed on under it',
    async () => {
      const fakes = new RecordingActivities();
      await t.withWorker(fakes, async (run) => {
        // The notice falls due 300 ms after the grant opens, the end seconds later.
        fakes.expiryNoticeAt = () => inMs(300);
        const validUntil = inMs(6_000);
        const { handle, subject, grantId } = await granted(run, { validUntil });
        await fakes.until(() => fakes.callsOf('sendGrantExpiryNotice').length === 1, 'the expiry notice');
        expect(fakes.callsOf('endSharingGrant')).toEqual([]);

        expect(await handle.result()).toMatchObject({ status: 'expired' });
        expect(fakes.callsOf('grantExpiryNoticeAt')).toEqual([[validUntil]]);
        expect(fakes.callsOf('sendGrantExpiryNotice')).toEqual([[subject.requestId]]);
        expect(fakes.callsOf('endSharingGrant')).toEqual([[subject.requestId, 'expired']]);
        expect(fakes.callsOf('endOnwardGrants')).toEqual([[grantId, 'expired']]);
        expect(fakes.filed()).toEqual(['sharing.negotiated', 'sharing.granted', 'sharing.expired']);
        expect(fakes.timeline(subject.requestId)).toEqual(['granted:granted', 'expired:expired']);
        // The notice came before the end.
        const names = fakes.calls.map((call) => call.name);
        expect(names.indexOf('sendGrantExpiryNotice')).toBeLessThan(names.indexOf('endSharingGrant'));
      });
    },
  );

  it.concurrent('extends the grant when the provider approves a renewal', async () => {
    const fakes = new RecordingActivities();
    await t.withWorker(fakes, async (run) => {
      const { handle, subject, grantId } = await granted(run, { validUntil: inMs(30 * 60_000) });
      const newEnd = farEnd();
      const applied = await handle.executeUpdate(renewGrantUpdate, {
        args: [{ by: 'user-applicant', reasons: '项目延期', validUntil: newEnd }],
      });
      expect(applied.grant).toMatchObject({
        status: 'active',
        renewal: { validUntil: newEnd, stage: 'in_review' },
      });

      const review = await fakes.task('renewal-review-1');
      expect(review).toMatchObject({
        kind: 'renewal_review',
        assigneeDepartmentId: 'dept-provider',
        deadline: 'sharing.providerResponse',
      });
      const answer = await t.complete(review, 'approve', { completedBy: 'user-provider' });
      expect(answer).toMatchObject({ status: 'granted', grant: { validUntil: newEnd } });
      expect((answer as { grant: object }).grant).not.toHaveProperty('renewal');

      expect(fakes.callsOf('extendSharingGrant')).toEqual([[subject.requestId, newEnd]]);
      expect(fakes.filing('sharing.renewed').payload).toMatchObject({
        grantId,
        validUntil: newEnd,
        decidedBy: 'provider',
      });
      expect(fakes.filed()).toEqual([
        'sharing.negotiated',
        'sharing.granted',
        'sharing.renewal_requested',
        'sharing.renewed',
      ]);
      expect(fakes.timeline(subject.requestId)).toEqual([
        'granted:granted',
        'granted:renewal_requested',
        'granted:renewed',
      ]);
      // The notice is due again before the new end.
      expect(fakes.callsOf('grantExpiryNoticeAt').at(-1)).toEqual([newEnd]);
    });
  });

  it.concurrent('sends a refused renewal to coordination; upheld, the grant keeps its old end', async () => {
    const fakes = new RecordingActivities();
    await t.withWorker(fakes, async (run) => {
      const oldEnd = inMs(30 * 60_000);
      const { handle, subject } = await granted(run, { validUntil: oldEnd });
      const newEnd = farEnd();
      await handle.executeUpdate(renewGrantUpdate, {
        args: [{ by: 'user-applicant', reasons: '项目延期', validUntil: newEnd }],
      });
      const refused = await t.complete(await fakes.task('renewal-review-1'), 'refuse', {
        comment: '数据用途已完成',
      });
      expect(refused).toMatchObject({ grant: { renewal: { stage: 'escalated' } } });

      const coordination = await fakes.task('coordination', `${handle.workflowId}-escalation-1`);
      await t.complete(coordination, 'uphold_refusal', {
        comment: '维持原决定',
        completedBy: 'user-info-office',
      });
      await fakes.until(
        () => fakes.timeline(subject.requestId).includes('granted:renewal_refused'),
        'the renewal to be refused',
      );

      expect(fakes.filing('sharing.refusal_reported').payload).toMatchObject({
        reason: 'renewal_refused',
        reasons: '数据用途已完成',
      });
      expect(fakes.filing('sharing.renewal_refused').payload).toMatchObject({
        validUntil: newEnd,
        decidedBy: 'info_office',
        reasons: '维持原决定',
      });
      expect(fakes.timeline(subject.requestId)).toEqual([
        'granted:granted',
        'granted:renewal_requested',
        'granted:renewal_refused_by_provider',
        'granted:renewal_escalated',
        'granted:renewal_refused',
      ]);
      expect(fakes.callsOf('extendSharingGrant')).toEqual([]);
      const state = await handle.query(sharingStateQuery);
      expect(state.grant).toEqual({ id: `grant-${subject.requestId}`, status: 'active', validUntil: oldEnd });
    });
  });

  it.concurrent(
    'lets the grant expire at its old end when its renewal is still undecided, cancelling the review',
    async () => {
      const fakes = new RecordingActivities();
      await t.withWorker(fakes, async (run) => {
        const { handle, subject } = await granted(run, { validUntil: inMs(6_000) });
        const newEnd = farEnd();
        await handle.executeUpdate(renewGrantUpdate, {
          args: [{ by: 'user-applicant', reasons: '项目延期', validUntil: newEnd }],
        });
        const review = await fakes.task('renewal-review-1');

        expect(await handle.result()).toMatchObject({ status: 'expired' });
        expect(fakes.callsOf('cancelTask')).toEqual([[review.taskId]]);
        expect(fakes.filing('sharing.expired').payload).toMatchObject({ cancelledRenewal: newEnd });
        expect(fakes.event(subject.requestId, 'expired').detail).toEqual({ cancelledRenewal: newEnd });
        expect(fakes.callsOf('extendSharingGrant')).toEqual([]);
        // The provider's late approval finds the workflow gone.
        await expect(t.complete(review, 'approve')).rejects.toThrow();
      });
    },
  );

  it.concurrent(
    'suspends and resumes the grant; a suspended grant owes no delivery and cannot be suspended twice',
    async () => {
      const fakes = new RecordingActivities();
      await t.withWorker(fakes, async (run) => {
        const { handle, subject } = await granted(run);
        const suspended = await handle.executeUpdate(suspendGrantUpdate, {
          args: [{ by: 'user-provider', reasons: '系统升级' }],
        });
        expect(suspended.grant).toMatchObject({ status: 'suspended' });
        expect(fakes.callsOf('holdSharingGrant')).toEqual([[subject.requestId, true]]);

        await expect(
          handle.executeUpdate(suspendGrantUpdate, { args: [{ by: 'user-provider', reasons: '再次' }] }),
        ).rejects.toMatchObject({
          cause: { type: 'InvalidState' },
        });
        await expect(
          handle.executeUpdate(reportNonDeliveryUpdate, {
            args: [{ by: 'user-applicant', reasons: '接口不通' }],
          }),
        ).rejects.toMatchObject({
          cause: { type: 'InvalidState', message: 'a suspended grant owes no delivery' },
        });

        const resumed = await handle.executeUpdate(resumeGrantUpdate, {
          args: [{ by: 'user-info-office', comment: '升级完成' }],
        });
        expect(resumed.grant).toMatchObject({ status: 'active' });
        expect(fakes.callsOf('holdSharingGrant')).toEqual([
          [subject.requestId, true],
          [subject.requestId, false],
        ]);
        expect(fakes.filed()).toEqual([
          'sharing.negotiated',
          'sharing.granted',
          'sharing.suspended',
          'sharing.resumed',
        ]);
        expect(fakes.filing('sharing.suspended').payload).toMatchObject({
          by: 'user-provider',
          reasons: '系统升级',
        });
        expect(fakes.timeline(subject.requestId)).toEqual([
          'granted:granted',
          'granted:grant_suspended',
          'granted:grant_resumed',
        ]);
      });
    },
  );

  it.concurrent('revokes the grant with its reasons, and refuses a revocation without them', async () => {
    const fakes = new RecordingActivities();
    await t.withWorker(fakes, async (run) => {
      const { handle, subject, grantId } = await granted(run);
      await expect(
        handle.executeUpdate(revokeGrantUpdate, { args: [{ by: 'user-provider', reasons: '  ' }] }),
      ).rejects.toMatchObject({
        cause: { type: 'ReasonsRequired' },
      });
      const revoked = await handle.executeUpdate(revokeGrantUpdate, {
        args: [{ by: 'user-provider', reasons: '违规使用数据' }],
      });
      expect(revoked).toMatchObject({ status: 'revoked' });
      expect(await handle.result()).toMatchObject({ status: 'revoked' });
      expect(fakes.callsOf('endSharingGrant')).toEqual([[subject.requestId, 'revoked']]);
      expect(fakes.callsOf('endOnwardGrants')).toEqual([[grantId, 'revoked']]);
      expect(fakes.filing('sharing.revoked').payload).toMatchObject({
        grantId,
        by: 'user-provider',
        reasons: '违规使用数据',
      });
      expect(fakes.event(subject.requestId, 'revoked')).toMatchObject({
        actorUserId: 'user-provider',
        detail: { reasons: '违规使用数据' },
      });
    });
  });

  it.concurrent(
    'escalates a renewal the provider leaves unanswered; the coordinators order it, and the grant is extended',
    async () => {
      const fakes = new RecordingActivities();
      fakes.deadlines.renewal_review = { dueInMs: 500 };
      await t.withWorker(fakes, async (run) => {
        const { handle, subject } = await granted(run, { validUntil: inMs(30 * 60_000) });
        const newEnd = farEnd();
        await handle.executeUpdate(renewGrantUpdate, {
          args: [{ by: 'user-applicant', reasons: '项目延期', validUntil: newEnd }],
        });
        const coordination = await fakes.task('coordination', `${handle.workflowId}-escalation-1`);
        expect(fakes.tasks.find((task) => task.taskKey === 'renewal-review-1')).toMatchObject({
          status: 'expired',
        });
        expect(fakes.event(subject.requestId, 'renewal_escalated').detail).toEqual({
          reason: 'renewal_missed_deadline',
          reasons: '提供部门未在规定时限内答复延续申请',
        });
        await t.complete(coordination, 'order_provide', { completedBy: 'user-info-office' });
        await fakes.until(
          () => fakes.timeline(subject.requestId).includes('granted:renewed'),
          'the grant to be renewed',
        );
        expect(fakes.callsOf('extendSharingGrant')).toEqual([[subject.requestId, newEnd]]);
        expect(fakes.filing('sharing.renewed').payload).toMatchObject({
          validUntil: newEnd,
          decidedBy: 'info_office',
        });
        expect(fakes.event(subject.requestId, 'renewed').actorUserId).toBe('user-info-office');
        expect((await handle.query(sharingStateQuery)).grant).toMatchObject({
          status: 'active',
          validUntil: newEnd,
        });
      });
    },
  );

  it.concurrent(
    'keeps the grant when coordination orders a reported non-delivery to be made good',
    async () => {
      const fakes = new RecordingActivities();
      await t.withWorker(fakes, async (run) => {
        const { handle, subject } = await granted(run);
        const reported = await handle.executeUpdate(reportNonDeliveryUpdate, {
          args: [{ by: 'user-applicant', reasons: '三个月未推送数据' }],
        });
        expect(reported).toMatchObject({ status: 'escalated' });
        // While the dispute runs, the grant is not in force to act on.
        await expect(
          handle.executeUpdate(suspendGrantUpdate, { args: [{ by: 'user-provider', reasons: '暂停' }] }),
        ).rejects.toMatchObject({ cause: { type: 'InvalidState' } });
        const coordination = await fakes.task('coordination', `${handle.workflowId}-escalation-1`);
        await t.complete(coordination, 'order_provide', {
          comment: '限期补推',
          completedBy: 'user-info-office',
        });
        await fakes.until(
          () => fakes.timeline(subject.requestId).includes('granted:delivery_ordered'),
          'delivery to be ordered',
        );
        expect(fakes.event(subject.requestId, 'delivery_ordered').detail).toEqual({
          decidedBy: 'info_office',
          comment: '限期补推',
        });
        expect(fakes.filed()).toEqual([
          'sharing.negotiated',
          'sharing.granted',
          'sharing.non_delivery_reported',
          'sharing.refusal_reported',
          'sharing.escalation_decided',
        ]);
        expect(fakes.callsOf('endSharingGrant')).toEqual([]);
        // Back in force: the status returns to granted.
        const state = await t.queryUntil(handle, sharingStateQuery, (shown) => shown.status === 'granted');
        expect(state.grant).toMatchObject({ status: 'active' });
      });
    },
  );

  it.concurrent(
    'ends a reported non-delivery that coordination upholds by refusing the request',
    async () => {
      const fakes = new RecordingActivities();
      await t.withWorker(fakes, async (run) => {
        const { handle, subject } = await granted(run);
        await handle.executeUpdate(reportNonDeliveryUpdate, {
          args: [{ by: 'user-applicant', reasons: '三个月未推送数据' }],
        });
        const coordination = await fakes.task('coordination', `${handle.workflowId}-escalation-1`);
        await t.complete(coordination, 'uphold_refusal', { comment: '提供方确无条件提供' });
        expect(await handle.result()).toMatchObject({ status: 'refused' });
        expect(fakes.timeline(subject.requestId)).toEqual([
          'granted:granted',
          'escalated:escalated',
          'refused:refused',
        ]);
        expect(fakes.filing('sharing.refused').payload).toMatchObject({
          cause: 'non_delivery',
          reasons: '提供方确无条件提供',
        });
        expect(fakes.callsOf('endSharingGrant')).toEqual([[subject.requestId, 'revoked']]);
      });
    },
  );

  it.concurrent(
    'ends onward grants with their source: a granted onward request is revoked, a pending one refused',
    async () => {
      const fakes = new RecordingActivities();
      // As EndOnwardGrants does: signal every onward request naming the source grant.
      const onwardIds: string[] = [];
      fakes.onEndOnwardGrants = async (sourceGrantId, status) => {
        for (const id of onwardIds)
          await t.client.workflow.getHandle(id).signal(sourceGrantEndedSignal, { sourceGrantId, status });
        return onwardIds;
      };
      await t.withWorker(fakes, async (run) => {
        const source = await granted(run, { requesterDepartmentId: 'dept-intermediary' });
        const onward = { sourceGrantId: source.grantId, intermediaryDepartmentId: 'dept-intermediary' };

        // Onward sharing always asks the original provider, even for an unconditional resource.
        const grantedOnward = sharingSubject({ sharingType: 'unconditional', onward });
        const grantedHandle = await run.start(
          sharingRequestWorkflow,
          [grantedOnward],
          workflowIds.sharingRequest(grantedOnward.requestId),
        );
        const review = await fakes.task('provider-review-1', grantedHandle.workflowId);
        expect(fakes.event(grantedOnward.requestId, 'provider_review_requested').detail).toMatchObject({
          onward,
        });
        await t.complete(review, 'approve');

        const pendingOnward = sharingSubject({ onward });
        const pendingHandle = await run.start(
          sharingRequestWorkflow,
          [pendingOnward],
          workflowIds.sharingRequest(pendingOnward.requestId),
        );
        const pendingReview = await fakes.task('provider-review-1', pendingHandle.workflowId);
        onwardIds.push(grantedHandle.workflowId, pendingHandle.workflowId);

        await source.handle.executeUpdate(revokeGrantUpdate, {
          args: [{ by: 'user-provider', reasons: '源授权撤销' }],
        });

        expect(await grantedHandle.result()).toMatchObject({ status: 'revoked' });
        expect(fakes.event(grantedOnward.requestId, 'revoked').detail).toEqual({
          cause: 'source_grant_ended',
          sourceGrantId: source.grantId,
          sourceStatus: 'revoked',
        });
        expect(fakes.callsOf('endSharingGrant')).toContainEqual([grantedOnward.requestId, 'revoked']);
        // What was passed on under the onward grant ends in its turn.
        expect(fakes.callsOf('endOnwardGrants')).toContainEqual([
          `grant-${grantedOnward.requestId}`,
          'revoked',
        ]);

        expect(await pendingHandle.result()).toMatchObject({ status: 'refused' });
        expect(fakes.tasks.find((task) => task.taskId === pendingReview.taskId)!.status).toBe('cancelled');
        expect(fakes.event(pendingOnward.requestId, 'refused').detail).toMatchObject({
          cause: 'source_grant_ended',
          reasons: '转授共享所依据的共享授权已终止',
        });
        expect(fakes.filed(pendingOnward.requestId)).toEqual(['sharing.refused']);
        expect(fakes.filing('sharing.granted', grantedOnward.requestId).departmentIds).toEqual([
          'dept-requester',
          'dept-provider',
          'dept-intermediary',
        ]);
      });
    },
  );
});
