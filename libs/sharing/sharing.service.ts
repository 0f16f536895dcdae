import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  CatalogResource,
  CatalogResourceVersion,
  SharingEvent,
  SharingGrant,
  SharingRequest,
} from '../database/entities/index.js';
import type { SharingType } from '../domain/catalog.js';
import { NotFoundError, RuleViolationError } from '../domain/errors.js';
import { concernedDepartments, type Purpose, type SharingStatus, type SharingTerms } from '../domain/sharing.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { PolicyService } from '../calendar/policy.service.js';
import { NotificationOutbox } from '../notifications/notification-outbox.service.js';

export interface Application extends SharingTerms {
  /** Optional for onward sharing: the source grant's resource is meant, and any other is refused. */
  resourceId?: string;
  purpose: Purpose;
  purposeDetail: string;
  validUntil?: string;
  /** Onward sharing: the grant under which another department holds the data asked for. */
  sourceGrantId?: string;
}

/** Onward sharing (数据不得擅自转让第三方): data held under a grant passes on only by a request the original provider answers. */
export interface OnwardSharing {
  sourceGrantId: string;
  intermediaryDepartmentId: string;
}

/** Everything the request's workflow needs to know, fixed at application. */
export interface SharingSubject {
  requestId: string;
  requesterDepartmentId: string;
  providerDepartmentId: string;
  resourceId: string;
  resourceName: string;
  identifier: string;
  sharingType: SharingType;
  confidential: boolean;
  resourceItems: string[];
  terms: SharingTerms;
  purpose: Purpose;
  purposeDetail: string;
  validUntil: string | null;
  appliedBy: string;
  onward?: OnwardSharing | null;
}

export interface StatusChange {
  requestId: string;
  status: SharingStatus;
  /** Unique within the request: a retried activity writes the timeline entry once. */
  eventKey: string;
  type: string;
  actorUserId?: string | null;
  detail?: Record<string, unknown>;
  terms?: SharingTerms;
}

/**
 * The rules of applying for another department's data, and the projection its workflow keeps:
 * status, terms, timeline and grant. Methods called from activities are idempotent.
 */
@Injectable()
export class SharingService {
  constructor(
    private readonly em: EntityManager,
    private readonly notifications: NotificationOutbox,
    private readonly calendar: CalendarService,
    private readonly policies: PolicyService,
  ) {}

  /** When both sides are told that the grant ends (policy `sharing.expiryNotice` before its end), or null if that is past. */
  async expiryNoticeAt(validUntil: string): Promise<string | null> {
    const notice = await this.calendar.reminder(new Date(validUntil), await this.policies.value('sharing.expiryNotice'), new Date());
    return notice?.toISOString() ?? null;
  }

  async noticeOfExpiry(requestId: string): Promise<void> {
    const notificationIds = await this.em.transactional(async (tx) => {
      const request = await tx.findOneOrFail(SharingRequest, { id: requestId });
      const validUntil = request.validUntil?.toISOString() ?? null;
      const ids: string[] = [];
      for (const departmentId of concernedDepartments(request)) {
        ids.push(
          ...(await this.notifications.record(tx, {
            recipients: { role: 'staff', departmentId },
            template: 'grant-expiring',
            subject: '共享授权即将到期',
            data: { validUntil },
            path: `/sharing-requests/${request.id}`,
            // Once per end date: a renewed grant is announced again before its new end.
            dedupeKey: `sharing:${request.id}:expiry-notice:${validUntil}:${departmentId}`,
          })),
        );
      }
      return ids;
    });
    await this.notifications.dispatch(notificationIds);
  }

  /**
   * `maySeeSourceRequest` says whether the applicant may see the request a named source grant belongs to: one who
   * may not learns nothing of the grant from the answer (see sourceGrant).
   */
  async apply(
    requesterDepartmentId: string,
    appliedBy: string,
    application: Application,
    maySeeSourceRequest: (request: SharingRequest) => boolean = () => false,
  ): Promise<SharingSubject> {
    const source = application.sourceGrantId ? await this.sourceGrant(requesterDepartmentId, application, maySeeSourceRequest) : null;
    const resourceId = source?.request.resourceId ?? application.resourceId;
    const resource = resourceId ? await this.em.findOne(CatalogResource, { id: resourceId }) : null;
    if (!resource || resource.status !== 'published') {
      throw new RuleViolationError('only a published catalog resource can be applied for', [{ field: 'resourceId', message: 'not a published resource' }]);
    }
    const version = await this.em.findOneOrFail(CatalogResourceVersion, { resourceId: resource.id, version: resource.publishedVersion! });
    if (version.sharingType === 'not_shareable') {
      throw new RuleViolationError(`the resource is not shareable: ${version.notShareableBasis}`, [{ field: 'resourceId', message: 'not shareable' }]);
    }
    if (resource.providerDepartmentId === requesterDepartmentId) {
      throw new RuleViolationError('a department does not apply for its own data', [{ field: 'resourceId', message: 'own resource' }]);
    }
    const resourceItems = version.dataItems.map((item) => item.name);
    const problems = termsProblems(application, resourceItems, version.sharingMethods);
    const validUntil = application.validUntil ?? source?.grant.validUntil?.toISOString();
    if (validUntil && new Date(validUntil) <= new Date()) {
      problems.push({ field: 'validUntil', message: 'must be in the future' });
    }
    if (source) problems.push(...onwardProblems(application, validUntil, source.grant));
    if (problems.length > 0) throw new RuleViolationError(problems.map((p) => p.message).join('; '), problems);

    const onward = source ? { sourceGrantId: source.grant.id, intermediaryDepartmentId: source.request.requesterDepartmentId } : null;
    const request = this.em.create(SharingRequest, {
      requesterDepartmentId,
      providerDepartmentId: resource.providerDepartmentId,
      resourceId: resource.id,
      resourceVersion: version.version,
      dataItems: application.dataItems,
      purpose: application.purpose,
      purposeDetail: application.purposeDetail,
      scope: application.scope,
      method: application.method,
      validUntil: validUntil ? new Date(validUntil) : null,
      createdBy: appliedBy,
      ...(onward ?? {}),
    });
    await this.em.flush();
    return {
      requestId: request.id,
      requesterDepartmentId,
      providerDepartmentId: resource.providerDepartmentId,
      resourceId: resource.id,
      resourceName: version.name,
      identifier: resource.identifier,
      sharingType: version.sharingType,
      confidential: version.confidential,
      resourceItems,
      terms: { dataItems: application.dataItems, scope: application.scope, method: application.method },
      purpose: application.purpose,
      purposeDetail: application.purposeDetail,
      validUntil: request.validUntil?.toISOString() ?? null,
      appliedBy,
      onward,
    };
  }

  /**
   * The grant an onward application names: active, held by another department, for the resource applied for, and
   * holding what is applied for. An applicant who may not see the grant's request is told only that no such grant
   * fits (404), whether it is missing, ended or narrower: the answer must not reveal a grant's existence, status or items.
   */
  private async sourceGrant(
    requesterDepartmentId: string,
    application: Application,
    maySeeSourceRequest: (request: SharingRequest) => boolean,
  ): Promise<{ grant: SharingGrant; request: SharingRequest }> {
    const grant = await this.em.findOne(SharingGrant, { id: application.sourceGrantId! });
    const request = grant ? await this.em.findOneOrFail(SharingRequest, { id: grant.requestId }) : null;
    const problem = (message: string, field = 'sourceGrantId') => new RuleViolationError(message, [{ field, message }]);
    const unseen = () => new NotFoundError(`no active grant ${application.sourceGrantId} that this application fits`);
    if (!grant || !request) throw unseen();
    const visible = maySeeSourceRequest(request);
    const refuse = (error: RuleViolationError) => (visible ? error : unseen());
    if (grant.status !== 'active') throw refuse(problem(`the source grant is ${grant.status}, not active`));
    if (request.requesterDepartmentId === requesterDepartmentId) throw problem('the source grant is held by the applying department itself: nothing to pass on');
    if (application.resourceId && application.resourceId !== request.resourceId) {
      throw refuse(problem('an onward request is for the resource of its source grant', 'resourceId'));
    }
    if (!visible && onwardProblems(application, application.validUntil ?? grant.validUntil?.toISOString(), grant).length > 0) throw unseen();
    return { grant, request };
  }
  /** Moves the request to a status, writes the timeline entry and tells both departments. */
  async changeStatus(change: StatusChange): Promise<void> {
    const notificationIds = await this.em.transactional(async (tx) => {
      const inserted = await tx.execute<{ id: string }[]>(
        `insert into sharing_event (id, request_id, event_key, at, type, actor_user_id, detail) values (?, ?, ?, ?, ?, ?, ?)
         on conflict (event_key) do nothing returning id`,
        [crypto.randomUUID(), change.requestId, `${change.requestId}:${change.eventKey}`, new Date(), change.type, change.actorUserId ?? null, JSON.stringify(change.detail ?? {})],
      );
      if (inserted.length === 0) return [];
      const request = await tx.findOneOrFail(SharingRequest, { id: change.requestId });
      Object.assign(request, { status: change.status, updatedAt: new Date(), ...(change.terms ?? {}) });
      const ids: string[] = [];
      const eventLabel = GRANT_EVENT_LABELS[change.type] ?? null;
      for (const departmentId of concernedDepartments(request)) {
        ids.push(
          ...(await this.notifications.record(tx, {
            recipients: { role: 'staff', departmentId },
            template: 'sharing-status',
            subject: `共享申请进展：${eventLabel ?? statusLabel(change.status)}`,
            data: { status: change.status, statusLabel: statusLabel(change.status), type: change.type, eventLabel },
            path: `/sharing-requests/${request.id}`,
            dedupeKey: `sharing:${request.id}:${change.eventKey}:${departmentId}`,
          })),
        );
      }
      return ids;
    });
    await this.notifications.dispatch(notificationIds);
  }

  async openGrant(requestId: string, terms: SharingTerms, validUntil: string | null): Promise<string> {
    const existing = await this.em.findOne(SharingGrant, { requestId });
    if (existing) return existing.id;
    const request = await this.em.findOneOrFail(SharingRequest, { id: requestId });
    const grant = this.em.create(SharingGrant, {
      requestId,
      ...terms,
      purpose: request.purpose,
      validUntil: validUntil ? new Date(validUntil) : null,
      status: 'active',
      grantedAt: new Date(),
    });
    await this.em.flush();
    return grant.id;
  }

  async endGrant(requestId: string, status: 'expired' | 'revoked'): Promise<void> {
    await this.em.nativeUpdate(SharingGrant, { requestId, status: { $in: ['active', 'suspended'] } }, { status, endedAt: new Date() });
  }

  /** Suspends (`held`) or resumes a grant that has not ended; repeating it changes nothing. */
  async holdGrant(requestId: string, held: boolean): Promise<void> {
    const [from, to] = held ? (['active', 'suspended'] as const) : (['suspended', 'active'] as const);
    await this.em.nativeUpdate(SharingGrant, { requestId, status: from }, { status: to });
  }

  /** A renewal moves the end of the grant, and of the request's terms in force, to `validUntil`. */
  async extendGrant(requestId: string, validUntil: string): Promise<void> {
    await this.em.transactional(async (tx) => {
      await tx.nativeUpdate(SharingGrant, { requestId, status: { $in: ['active', 'suspended'] } }, { validUntil: new Date(validUntil) });
      await tx.nativeUpdate(SharingRequest, { id: requestId }, { validUntil: new Date(validUntil), updatedAt: new Date() });
    });
  }

  async request(requestId: string): Promise<SharingRequest> {
    const request = await this.em.findOne(SharingRequest, { id: requestId });
    if (!request) throw new NotFoundError(`no sharing request ${requestId}`);
    return request;
  }

  timeline(requestId: string): Promise<SharingEvent[]> {
    return this.em.find(SharingEvent, { requestId }, { orderBy: { at: 'asc', id: 'asc' } });
  }
}

type FieldProblem = { field: string; message: string };

/** An onward request passes on no more than the source grant holds, for no longer. */
function onwardProblems(application: Application, validUntil: string | undefined, grant: SharingGrant): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const outside = application.dataItems.filter((item) => !grant.dataItems.includes(item));
  if (outside.length > 0) problems.push({ field: 'dataItems', message: `the source grant does not include: ${outside.join(', ')}` });
  if (grant.validUntil && (!validUntil || new Date(validUntil) > grant.validUntil)) {
    problems.push({ field: 'validUntil', message: `must not be after the source grant's end, ${grant.validUntil.toISOString()}` });
  }
  return problems;
}

/** Terms must ask only for items the resource has, by a method it offers, for a stated scope. */
export function termsProblems(terms: Partial<SharingTerms>, resourceItems: string[], methods?: string[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (terms.dataItems) {
    const unknown = terms.dataItems.filter((item) => !resourceItems.includes(item));
    if (unknown.length > 0) problems.push({ field: 'dataItems', message: `the resource has no data items named: ${unknown.join(', ')}` });
    if (new Set(terms.dataItems).size !== terms.dataItems.length) problems.push({ field: 'dataItems', message: 'data items repeat' });
    if (terms.dataItems.length === 0) problems.push({ field: 'dataItems', message: 'at least one data item' });
  }
  if (terms.method && methods && !methods.includes(terms.method)) {
    problems.push({ field: 'method', message: `the resource is shared by ${methods.join(', ')}, not ${terms.method}` });
  }
  if (terms.scope !== undefined && !terms.scope.trim()) problems.push({ field: 'scope', message: 'the scope must be stated' });
  return problems;
}

const STATUS_LABELS: Record<SharingStatus, string> = {
  submitted: '已提交',
  awaiting_provider: '待提供部门答复',
  negotiating: '协商中',
  escalated: '已报信息办协调',
  awaiting_agreement: '待签署保密协议',
  awaiting_filing: '待保密局备案',
  granted: '已授权',
  refused: '不予共享',
  withdrawn: '已撤回',
  lapsed: '已失效',
  expired: '已到期',
  revoked: '已撤销',
};

/** Events on a granted request that leave its status as it is: the notification names the event instead. */
const GRANT_EVENT_LABELS: Record<string, string> = {
  renewal_requested: '申请延续共享授权',
  renewal_refused_by_provider: '提供部门不同意延续授权',
  renewal_escalated: '延续申请已报信息办协调',
  renewal_refused: '延续申请未获同意，授权至原有效期止',
  renewed: '共享授权已延续',
  grant_suspended: '共享授权已暂停',
  grant_resumed: '共享授权已恢复',
};

export function statusLabel(status: SharingStatus): string {
  return STATUS_LABELS[status];
}
