import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { PolicyService } from '../calendar/policy.service.js';
import { parsePolicyDuration } from '../calendar/policy-duration.js';
import {
  CatalogResourceVersion,
  DataObjection,
  SharingFeedback,
  SharingGrant,
  SharingRequest,
  type ObjectionOutcome,
} from '../database/entities/index.js';
import { ConflictError, RuleViolationError } from '../domain/errors.js';
import { FilingLedger } from '../filings/filing-ledger.service.js';
import { NotificationOutbox } from '../notifications/notification-outbox.service.js';

/** What an objection's workflow needs, fixed when it is raised. */
export interface ObjectionSubject {
  objectionId: string;
  requestId: string;
  requesterDepartmentId: string;
  providerDepartmentId: string;
  resourceName: string;
  dataItems: string[];
  description: string;
}

/** Who reports on a grant, and how often; read afresh each period. */
export interface GrantReporting {
  active: boolean;
  requestId: string;
  requesterDepartmentId: string;
  providerDepartmentId: string;
  resourceName: string;
  /** `sharing.reportingPeriod` in milliseconds (working days count as calendar days here). */
  periodMs: number;
}

export interface NewFeedback {
  rating: number;
  effect: string;
  problems?: string;
}

/**
 * After sharing (seed 001 §三(四)): objections to the data's correctness, effect feedback, and the
 * periodic provision and usage reports. Methods called from activities are idempotent.
 */
@Injectable()
export class AfterSharingService {
  constructor(
    private readonly em: EntityManager,
    private readonly notifications: NotificationOutbox,
    private readonly filings: FilingLedger,
    private readonly policies: PolicyService,
  ) {}

  /** The requester objects to some granted items; the request must be granted with an active grant. */
  async raiseObjection(request: SharingRequest, raisedBy: string, input: { items: string[]; description: string }): Promise<ObjectionSubject> {
    const grant = await this.em.findOne(SharingGrant, { requestId: request.id });
    if (request.status !== 'granted' || !grant || grant.status !== 'active') {
      throw new ConflictError(`request ${request.id} has no active grant to object to`);
    }
    const foreign = input.items.filter((item) => !grant.dataItems.includes(item));
    if (foreign.length > 0) {
      throw new RuleViolationError(`the grant does not include: ${foreign.join(', ')}`, [{ field: 'items', message: 'only granted items can be objected to' }]);
    }
    if (new Set(input.items).size !== input.items.length) throw new RuleViolationError('items repeat', [{ field: 'items', message: 'items repeat' }]);
    const objection = this.em.create(DataObjection, {
      requestId: request.id,
      grantId: grant.id,
      requesterDepartmentId: request.requesterDepartmentId,
      providerDepartmentId: request.providerDepartmentId,
      dataItems: input.items,
      description: input.description,
      raisedBy,
    });
    await this.em.flush();
    return {
      objectionId: objection.id,
      requestId: request.id,
      requesterDepartmentId: request.requesterDepartmentId,
      providerDepartmentId: request.providerDepartmentId,
      resourceName: await this.resourceName(request),
      dataItems: input.items,
      description: input.description,
    };
  }

  objections(requestId: string): Promise<DataObjection[]> {
    return this.em.find(DataObjection, { requestId }, { orderBy: { createdAt: 'desc', id: 'asc' } });
  }

  /** Records the provider's verification once and tells the requester. */
  async recordObjectionOutcome(objectionId: string, outcome: ObjectionOutcome, comment: string, verifiedBy: string): Promise<void> {
    const notificationIds = await this.em.transactional(async (tx) => {
      const objection = await tx.findOneOrFail(DataObjection, { id: objectionId });
      if (objection.status === 'verified') return [];
      Object.assign(objection, { status: 'verified', outcome, outcomeComment: comment, verifiedBy, verifiedAt: new Date() });
      return this.notifications.record(tx, {
        recipients: { role: 'staff', departmentId: objection.requesterDepartmentId },
        template: 'objection-verified',
        subject: outcome === 'confirmed_corrected' ? '数据异议已核实并更正' : '数据异议经核实不成立',
        data: { outcome, comment, items: objection.dataItems.join('、') },
        path: `/sharing-requests/${objection.requestId}/objections`,
        dedupeKey: `objection:${objection.id}:verified`,
      });
    });
    await this.notifications.dispatch(notificationIds);
  }

  /** Stores the requester's effect feedback, files it and tells the provider. Granted or expired requests only. */
  async giveFeedback(request: SharingRequest, givenBy: string, input: NewFeedback): Promise<SharingFeedback> {
    if (request.status !== 'granted' && request.status !== 'expired') {
      throw new ConflictError(`feedback is given on a granted or expired request; request ${request.id} is ${request.status}`);
    }
    const { feedback, notificationIds } = await this.em.transactional(async (tx) => {
      const created = tx.create(SharingFeedback, {
        requestId: request.id,
        requesterDepartmentId: request.requesterDepartmentId,
        providerDepartmentId: request.providerDepartmentId,
        rating: input.rating,
        effect: input.effect,
        problems: input.problems ?? null,
        givenBy,
      });
      await tx.flush();
      const ids = await this.notifications.record(tx, {
        recipients: { role: 'staff', departmentId: request.providerDepartmentId },
        template: 'sharing-feedback',
        subject: `收到共享效果反馈（评分 ${input.rating}）`,
        data: { rating: input.rating, effect: input.effect, problems: input.problems ?? '' },
        path: `/sharing-requests/${request.id}/feedback`,
        dedupeKey: `feedback:${created.id}:provider`,
      });
      return { feedback: created, notificationIds: ids };
    });
    await this.filings.append({
      kind: 'sharing.feedback',
      authority: 'info_office',
      subjectType: 'sharing_request',
      subjectId: request.id,
      departmentIds: [request.requesterDepartmentId, request.providerDepartmentId],
      payload: { feedbackId: feedback.id, rating: feedback.rating, effect: feedback.effect, problems: feedback.problems ?? null, givenBy },
      idempotencyKey: `sharing-feedback:${feedback.id}`,
    });
    await this.notifications.dispatch(notificationIds);
    return feedback;
  }

  feedback(requestId: string): Promise<SharingFeedback[]> {
    return this.em.find(SharingFeedback, { requestId }, { orderBy: { createdAt: 'desc', id: 'asc' } });
  }

  /** The grant's state and the reporting period in force, for the reporting workflow's next period. */
  async grantReporting(grantId: string): Promise<GrantReporting> {
    const grant = await this.em.findOneOrFail(SharingGrant, { id: grantId });
    const request = await this.em.findOneOrFail(SharingRequest, { id: grant.requestId });
    const period = parsePolicyDuration(await this.policies.value('sharing.reportingPeriod'));
    return {
      // A suspended grant still owes its reports: the suspension shows in them.
      active: grant.status === 'active' || grant.status === 'suspended',
      requestId: request.id,
      requesterDepartmentId: request.requesterDepartmentId,
      providerDepartmentId: request.providerDepartmentId,
      resourceName: await this.resourceName(request),
      periodMs: period.kind === 'elapsed' ? period.ms : period.days * 86_400_000,
    };
  }

  private async resourceName(request: SharingRequest): Promise<string> {
    const version = await this.em.findOne(CatalogResourceVersion, { resourceId: request.resourceId, version: request.resourceVersion });
    return version?.name ?? request.resourceId;
  }
}
