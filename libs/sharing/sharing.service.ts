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
import type { Purpose, SharingStatus, SharingTerms } from '../domain/sharing.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { PolicyService } from '../calendar/policy.service.js';
import { NotificationOutbox } from '../notifications/notification-outbox.service.js';

export interface Application extends SharingTerms {
  resourceId: string;
  purpose: Purpose;
  purposeDetail: string;
  validUntil?: string;
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
      const ids: string[] = [];
      for (const departmentId of [request.requesterDepartmentId, request.providerDepartmentId]) {
        ids.push(
          ...(await this.notifications.record(tx, {
            recipients: { role: 'staff', departmentId },
            template: 'grant-expiring',
            subject: '共享授权即将到期',
            data: { validUntil: request.validUntil?.toISOString() ?? null },
            path: `/sharing-requests/${request.id}`,
            dedupeKey: `sharing:${request.id}:expiry-notice:${departmentId}`,
          })),
        );
      }
      return ids;
    });
    await this.notifications.dispatch(notificationIds);
  }

  async apply(requesterDepartmentId: string, appliedBy: string, application: Application): Promise<SharingSubject> {
    const resource = await this.em.findOne(CatalogResource, { id: application.resourceId });
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
    if (application.validUntil && new Date(application.validUntil) <= new Date()) {
      problems.push({ field: 'validUntil', message: 'must be in the future' });
    }
    if (problems.length > 0) throw new RuleViolationError(problems.map((p) => p.message).join('; '), problems);

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
      validUntil: application.validUntil ? new Date(application.validUntil) : null,
      createdBy: appliedBy,
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
    };
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
      for (const departmentId of [request.requesterDepartmentId, request.providerDepartmentId]) {
        ids.push(
          ...(await this.notifications.record(tx, {
            recipients: { role: 'staff', departmentId },
            template: 'sharing-status',
            subject: `共享申请进展：${statusLabel(change.status)}`,
            data: { status: change.status, statusLabel: statusLabel(change.status), type: change.type },
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
    await this.em.nativeUpdate(SharingGrant, { requestId, status: 'active' }, { status, endedAt: new Date() });
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

export function statusLabel(status: SharingStatus): string {
  return STATUS_LABELS[status];
}
