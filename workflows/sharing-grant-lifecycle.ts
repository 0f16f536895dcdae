import { ApplicationFailure, CancellationScope, condition, defineSignal, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';
import type { AfterSharingActivities } from '../activities/after-sharing.activities.js';
import type { SharingActivities } from '../activities/sharing.activities.js';
import type { SharingStatus, SharingTerms } from '../libs/domain/sharing.js';
import type { SharingSubject } from '../libs/sharing/sharing.service.js';
import type { HumanTaskResult, HumanTasks } from './lib/human-tasks.js';
import { providerAnswerTask } from './lib/sharing-tasks.js';
import { millisUntil, workflowNow } from './lib/workflow-clock.js';
import { REASONS_REQUIRED } from './lib/failure-types.js';
import type { EscalationInput, EscalationResult } from './refusal-escalation.workflow.js';
import type { SharingState } from './sharing-request.workflow.js';
import { activityRetry } from './lib/activity-retry.js';

/**
 * The life of a grant (共享授权), from the moment a request is granted until the grant ends. It ends
 * at its end date (both sides told beforehand), by revocation, or when a reported non-delivery is
 * upheld. Meanwhile the requester may apply for renewal, which the provider reviews while the grant
 * stays in force; a refusal or a missed review deadline goes to the info office like any refusal. The
 * provider or the info office may suspend and resume it.
 *
 * A renewal that is still undecided at the grant's end does not keep the grant alive: access beyond
 * the agreed period needs the provider's (or the coordinators') consent, so the grant expires at its
 * old end and the pending review or coordination is cancelled. The expiry notice
 * (`sharing.expiryNotice`, by default as long as the provider's answer time) is the cue to apply.
 */
export type GrantState = {
  id: string;
  status: 'active' | 'suspended';
  validUntil: string | null;
  /** A renewal under way: the end applied for, and whether the provider or the coordinators have it. */
  renewal?: { validUntil: string; stage: 'in_review' | 'escalated' };
};

/** What the request's workflow lends the grant: its subject, tasks, timeline, filings and escalations. */
export interface GrantContext {
  subject: SharingSubject;
  tasks: HumanTasks;
  state: () => SharingState;
  showGrant: (grant: GrantState) => void;
  /** Writes a timeline entry and the request's status; those concerned are told. */
  moveTo: (status: SharingStatus, type: string, detail?: Record<string, unknown>, actorUserId?: string, terms?: SharingTerms) => Promise<void>;
  file: (kind: string, payload?: Record<string, unknown>) => Promise<unknown>;
  /** Runs the refusal-escalation child workflow; changes no status. */
  escalation: (reason: EscalationInput['reason'], reasons: string) => Promise<EscalationResult>;
  /** The source grant of an onward request has ended: whatever is still being negotiated stops. */
  onSourceEnded: () => void;
}

type Reasoned = { by: string; reasons: string };

export const reportNonDeliveryUpdate = defineUpdate<SharingState, [Reasoned]>('reportNonDelivery');
/** The provider or the info office ends a grant early, with reasons. */
export const revokeGrantUpdate = defineUpdate<SharingState, [Reasoned]>('revokeGrant');
/** The requester applies to extend the grant to `validUntil`; the provider reviews it. */
export const renewGrantUpdate = defineUpdate<SharingState, [Reasoned & { validUntil: string }]>('renewGrant');
/** The provider or the info office holds the grant back, with reasons, until it is resumed. */
export const suspendGrantUpdate = defineUpdate<SharingState, [Reasoned]>('suspendGrant');
export const resumeGrantUpdate = defineUpdate<SharingState, [{ by: string; comment?: string }]>('resumeGrant');
/** The grant an onward request names has ended: what was passed on under it may flow no longer. */
export const sourceGrantEndedSignal = defineSignal<[SourceGrantEnd]>('sourceGrantEnded');
type SourceGrantEnd = { sourceGrantId: string; status: 'expired' | 'revoked' };

const {
  openSharingGrant,
  endSharingGrant,
  holdSharingGrant,
  extendSharingGrant,
  endOnwardGrants,
  grantExpiryNoticeAt,
  sendGrantExpiryNotice,
  startGrantReporting,
} = proxyActivities<SharingActivities & AfterSharingActivities>({ startToCloseTimeout: '30 seconds', retry: activityRetry() });

/** Something the grant waits for beside its timers (a review, a coordination); cancelled when the grant ends. */
class Pending<T> {
  private readonly scope = new CancellationScope();
  outcome?: { ok: true; value: T } | { ok: false; error: unknown };
  readonly settled: Promise<void>;

  constructor(work: () => Promise<T>) {
    this.settled = this.scope.run(work).then(
      (value) => void (this.outcome = { ok: true, value }),
      (error: unknown) => void (this.outcome = { ok: false, error }),
    );
  }

  cancel(): void {
    this.scope.cancel();
  }

  /** Its result once there; a failure (never a cancellation: nothing is read after the grant ends) fails the workflow. */
  result(): T | undefined {
    if (this.outcome && !this.outcome.ok) throw this.outcome.error;
    return this.outcome?.value;
  }
}

interface Renewal extends Reasoned {
  number: number;
  validUntil: string;
  review?: Pending<HumanTaskResult>;
  escalation?: Pending<EscalationResult>;
}

export class GrantLifecycle {
  private grant?: GrantState;
  /** The grant is ending: nothing more is accepted. */
  private ending = false;
  private ended = false;
  private expiryNotice: string | null = null;
  private renewals = 0;
  private revocation?: Reasoned;
  private nonDelivery?: Reasoned;
  private deliveryDispute?: Pending<EscalationResult>;
  private suspension?: Reasoned;
  private resumption?: { by: string; comment?: string };
  private renewalApplication?: Reasoned & { validUntil: string };
  private renewal?: Renewal;
  private sourceEnded?: SourceGrantEnd;

  /** Registers the grant's Updates; call as the workflow starts, before it first waits. */
  constructor(private readonly ctx: GrantContext) {
    setHandler(sourceGrantEndedSignal, (end) => {
      if (end.sourceGrantId !== ctx.subject.onward?.sourceGrantId || this.sourceEnded) return;
      this.sourceEnded = end;
      ctx.onSourceEnded();
    });
    setHandler(
      revokeGrantUpdate,
      async (request) => {
        this.revocation = request;
        await condition(() => this.ended);
        return ctx.state();
      },
      {
        validator: (request) => {
          this.inForce('revoke');
          if (this.revocation) invalidState('the grant is already being revoked');
          requireReasons(request.reasons, 'a revocation must give its reasons');
        },
      },
    );
    setHandler(
      reportNonDeliveryUpdate,
      async (report) => {
        this.nonDelivery = report;
        await condition(() => this.nonDelivery !== report || this.ended);
        return ctx.state();
      },
      {
        validator: (report) => {
          if (this.inForce('report non-delivery on').status === 'suspended') invalidState('a suspended grant owes no delivery');
          requireReasons(report.reasons, 'the report must say what was not delivered');
        },
      },
    );
    setHandler(
      renewGrantUpdate,
      async (application) => {
        this.renewalApplication = application;
        await condition(() => this.renewalApplication !== application || this.ended);
        return ctx.state();
      },
      {
        validator: (application) => {
          const grant = this.inForce('renew');
          if (this.renewal || this.renewalApplication) invalidState('a renewal of this grant is already pending');
          if (!grant.validUntil) invalidState('the grant has no end date: there is nothing to renew');
          requireReasons(application.reasons, 'a renewal must give its reasons');
          if (!(Date.parse(application.validUntil) > Date.parse(grant.validUntil!))) {
            throw ApplicationFailure.nonRetryable(`validUntil must be after the grant's current end, ${grant.validUntil}`, 'InvalidCompletion');
          }
        },
      },
    );
    setHandler(
      suspendGrantUpdate,
      async (request) => {
        this.suspension = request;
        await condition(() => this.suspension !== request || this.ended);
        return ctx.state();
      },
      {
        validator: (request) => {
          if (this.inForce('suspend').status === 'suspended' || this.suspension) invalidState('the grant is already suspended');
          requireReasons(request.reasons, 'a suspension must give its reasons');
        },
      },
    );
    setHandler(
      resumeGrantUpdate,
      async (request) => {
        this.resumption = request;
        await condition(() => this.resumption !== request || this.ended);
        return ctx.state();
      },
      {
        validator: (_request) => {
          if (this.inForce('resume').status !== 'suspended' || this.resumption) invalidState('the grant is not suspended');
        },
      },
    );
  }

  /** Opens the grant on the agreed terms and keeps it until it ends. */
  async run(terms: SharingTerms): Promise<void> {
    const { subject, file, moveTo, tasks } = this.ctx;
    if (this.sourceEnded) return this.refuseForEndedSource();
    const validUntil = subject.validUntil;
    const id = await openSharingGrant(subject.requestId, terms, validUntil);
    await file('sharing.granted', { grantId: id, terms, validUntil });
    await moveTo('granted', 'granted', { grantId: id, terms, validUntil }, undefined, terms);
    this.show({ id, status: 'active', validUntil });
    // Provision and usage reports are due each period while the grant lasts (a workflow of their own).
    await startGrantReporting(subject.requestId, id);
    this.expiryNotice = validUntil ? await grantExpiryNoticeAt(validUntil) : null;

    for (;;) {
      tasks.markSettled();
      await this.nextEvent();
      if (this.revocation) return this.revoke(this.revocation);
      if (this.sourceEnded) return this.endWithSource(this.sourceEnded);
      const dispute = this.deliveryDispute?.result();
      if (dispute) {
        this.deliveryDispute = undefined;
        if (dispute.decision === 'uphold_refusal') return this.refuseForNonDelivery(dispute);
        await moveTo('granted', 'delivery_ordered', { decidedBy: dispute.decidedBy, comment: dispute.comment ?? null });
      }
      await this.advanceRenewal();
      if (this.pastEnd()) return this.expire();
      if (this.expiryNotice && workflowNow() >= Date.parse(this.expiryNotice)) {
        await sendGrantExpiryNotice(subject.requestId);
        this.expiryNotice = null;
      }
      if (this.nonDelivery) await this.disputeDelivery(this.nonDelivery);
      if (this.suspension) await this.hold(this.suspension);
      if (this.resumption) await this.resume(this.resumption);
      if (this.renewalApplication) await this.applyForRenewal(this.renewalApplication);
    }
  }

  private async nextEvent(): Promise<void> {
    const happened = () =>
      Boolean(
        this.revocation ||
          this.sourceEnded ||
          this.nonDelivery ||
          this.suspension ||
          this.resumption ||
          this.renewalApplication ||
          this.deliveryDispute?.outcome ||
          this.renewal?.review?.outcome ||
          this.renewal?.escalation?.outcome,
      );
    const wakeAt = this.expiryNotice ?? this.held().validUntil;
    if (wakeAt === null) await condition(happened);
    else await condition(happened, millisUntil(Date.parse(wakeAt)));
  }

  private pastEnd(): boolean {
    const { validUntil } = this.held();
    return validUntil !== null && workflowNow() >= Date.parse(validUntil);
  }

  private async disputeDelivery(report: Reasoned): Promise<void> {
    await this.ctx.file('sharing.non_delivery_reported', { by: report.by, reasons: report.reasons });
    await this.ctx.moveTo('escalated', 'escalated', { reason: 'non_delivery', reasons: report.reasons });
    this.deliveryDispute = new Pending(() => this.ctx.escalation('non_delivery', report.reasons));
    this.nonDelivery = undefined;
  }

  private async hold(request: Reasoned): Promise<void> {
    const grant = this.held();
    await this.ctx.file('sharing.suspended', { grantId: grant.id, by: request.by, reasons: request.reasons });
    await holdSharingGrant(this.ctx.subject.requestId, true);
    this.show({ ...grant, status: 'suspended' });
    await this.record('grant_suspended', { reasons: request.reasons }, request.by);
    this.suspension = undefined;
  }

  private async resume(request: { by: string; comment?: string }): Promise<void> {
    const grant = this.held();
    await this.ctx.file('sharing.resumed', { grantId: grant.id, by: request.by, comment: request.comment ?? null });
    await holdSharingGrant(this.ctx.subject.requestId, false);
    this.show({ ...grant, status: 'active' });
    await this.record('grant_resumed', { comment: request.comment ?? null }, request.by);
    this.resumption = undefined;
  }

  private async applyForRenewal(application: Reasoned & { validUntil: string }): Promise<void> {
    const grant = this.held();
    const { subject, tasks } = this.ctx;
    const { by, validUntil, reasons } = application;
    await this.ctx.file('sharing.renewal_requested', { grantId: grant.id, by, validUntil, currentValidUntil: grant.validUntil, reasons });
    const renewal: Renewal = { number: ++this.renewals, by, validUntil, reasons };
    this.renewal = renewal;
    this.show({ ...grant, renewal: { validUntil, stage: 'in_review' } });
    await this.record('renewal_requested', { validUntil, reasons }, by);
    renewal.review = new Pending(() =>
      tasks.run(
        providerAnswerTask(subject, {
          taskKey: `renewal-review-${renewal.number}`,
          kind: 'renewal_review',
          title: `审核共享授权延续申请：${subject.resourceName}`,
        }),
      ),
    );
    this.renewalApplication = undefined;
  }

  /** Acts on the provider's answer to a renewal, or on the coordinators' decision about a refused one. */
  private async advanceRenewal(): Promise<void> {
    const renewal = this.renewal;
    const review = renewal?.review?.result();
    if (renewal && review) {
      renewal.review = undefined;
      if (review.status === 'expired') return this.escalateRenewal(renewal, 'renewal_missed_deadline', '提供部门未在规定时限内答复延续申请');
      const { outcome, comment, completedBy } = review.completion;
      if (outcome === 'approve') return this.renew(renewal, completedBy, 'provider');
      await this.ctx.file('sharing.renewal_refused_by_provider', { grantId: this.held().id, validUntil: renewal.validUntil, reasons: comment });
      await this.record('renewal_refused_by_provider', { validUntil: renewal.validUntil, reasons: comment }, completedBy);
      return this.escalateRenewal(renewal, 'renewal_refused', comment ?? '');
    }
    const decision = renewal?.escalation?.result();
    if (renewal && decision) {
      renewal.escalation = undefined;
      if (decision.decision === 'order_provide') return this.renew(renewal, decision.decidedByUser, decision.decidedBy);
      const grant = this.held();
      const outcome = { validUntil: renewal.validUntil, reasons: decision.comment ?? null, decidedBy: decision.decidedBy };
      await this.ctx.file('sharing.renewal_refused', { grantId: grant.id, ...outcome });
      this.renewal = undefined;
      this.show({ ...grant, renewal: undefined });
      await this.record('renewal_refused', outcome, decision.decidedByUser);
    }
  }

  private async escalateRenewal(renewal: Renewal, reason: 'renewal_refused' | 'renewal_missed_deadline', reasons: string): Promise<void> {
    const grant = this.held();
    this.show({ ...grant, renewal: { validUntil: renewal.validUntil, stage: 'escalated' } });
    await this.record('renewal_escalated', { reason, reasons });
    renewal.escalation = new Pending(() => this.ctx.escalation(reason, reasons));
  }

  private async renew(renewal: Renewal, decidedByUser: string, decidedBy: string): Promise<void> {
    const grant = this.held();
    const extension = { previousValidUntil: grant.validUntil, validUntil: renewal.validUntil, decidedBy };
    await this.ctx.file('sharing.renewed', { grantId: grant.id, ...extension });
    await extendSharingGrant(this.ctx.subject.requestId, renewal.validUntil);
    this.renewal = undefined;
    this.show({ ...grant, validUntil: renewal.validUntil, renewal: undefined });
    await this.record('renewed', extension, decidedByUser);
    this.expiryNotice = await grantExpiryNoticeAt(renewal.validUntil);
  }

  private async revoke(revocation: Reasoned): Promise<void> {
    const cancelled = await this.stopWaiting();
    const { file, moveTo } = this.ctx;
    await this.close('revoked');
    await file('sharing.revoked', { grantId: this.held().id, by: revocation.by, reasons: revocation.reasons, ...cancelled });
    await moveTo('revoked', 'revoked', { reasons: revocation.reasons, ...cancelled }, revocation.by);
    this.ended = true;
  }

  private async expire(): Promise<void> {
    const cancelled = await this.stopWaiting();
    const { file, moveTo } = this.ctx;
    await this.close('expired');
    await file('sharing.expired', { grantId: this.held().id, ...cancelled });
    await moveTo('expired', 'expired', cancelled);
    this.ended = true;
  }

  private async refuseForNonDelivery(result: EscalationResult): Promise<void> {
    const cancelled = await this.stopWaiting();
    const { file, moveTo } = this.ctx;
    await this.close('revoked');
    await file('sharing.refused', { reasons: result.comment ?? null, cause: 'non_delivery', ...cancelled });
    await moveTo('refused', 'refused', { reasons: result.comment ?? '', cause: 'non_delivery', ...cancelled });
    this.ended = true;
  }

  /** An onward grant ends with the grant it was passed on under. */
  private async endWithSource(end: SourceGrantEnd): Promise<void> {
    const cancelled = await this.stopWaiting();
    const detail = { cause: 'source_grant_ended', sourceGrantId: end.sourceGrantId, sourceStatus: end.status, ...cancelled };
    await this.close('revoked');
    await this.ctx.file('sharing.revoked', { grantId: this.held().id, ...detail });
    await this.ctx.moveTo('revoked', 'revoked', detail);
    this.ended = true;
  }

  /** The source grant of this onward request has ended. */
  get sourceHasEnded(): boolean {
    return this.sourceEnded !== undefined;
  }

  /** The source grant ended before this onward request was granted: nothing is granted. */
  async refuseForEndedSource(): Promise<void> {
    const end = this.sourceEnded!;
    const detail = { cause: 'source_grant_ended', sourceGrantId: end.sourceGrantId, sourceStatus: end.status };
    await this.ctx.file('sharing.refused', detail);
    await this.ctx.moveTo('refused', 'refused', { reasons: '转授共享所依据的共享授权已终止', ...detail });
    this.ended = true;
  }

  /** Ends the grant's row, then whatever was passed on under it. */
  private async close(status: 'expired' | 'revoked'): Promise<void> {
    await endSharingGrant(this.ctx.subject.requestId, status);
    await endOnwardGrants(this.held().id, status);
  }

  /** The grant is ending: a pending renewal's review or coordination is cancelled (and named in the record). */
  private async stopWaiting(): Promise<{ cancelledRenewal?: string }> {
    this.ending = true;
    const waits = [this.deliveryDispute, this.renewal?.review, this.renewal?.escalation].filter((wait) => wait !== undefined);
    for (const wait of waits) wait.cancel();
    await Promise.all(waits.map((wait) => wait.settled));
    return this.renewal ? { cancelledRenewal: this.renewal.validUntil } : {};
  }

  /** A timeline entry that leaves the request's status as it is. */
  private record(type: string, detail: Record<string, unknown>, actorUserId?: string): Promise<void> {
    return this.ctx.moveTo(this.ctx.state().status, type, detail, actorUserId);
  }

  private show(grant: GrantState): void {
    this.grant = grant;
    this.ctx.showGrant(grant);
  }

  private held(): GrantState {
    if (!this.grant) throw new Error('no grant is open');
    return this.grant;
  }

  /** The grant, if the request holds one in force that may be acted on now; otherwise the Update is refused (409). */
  private inForce(action: string): GrantState {
    const { status } = this.ctx.state();
    if (!this.grant || this.ending || status !== 'granted' || this.nonDelivery) {
      invalidState(`a request that is ${status} has no grant to ${action} now`);
    }
    return this.grant!;
  }
}

function invalidState(message: string): never {
  throw ApplicationFailure.nonRetryable(message, 'InvalidState');
}

function requireReasons(reasons: string | undefined, message: string): void {
  if (!reasons?.trim()) throw ApplicationFailure.nonRetryable(message, REASONS_REQUIRED);
}
