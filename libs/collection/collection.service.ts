import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { containsTerm, gramIds, normaliseForSearch, searchGrams } from '../catalog/search-grams.js';
import {
  CatalogResource,
  CatalogResourceVersion,
  CollectionCandidate,
  CollectionRegistration,
  Department,
} from '../database/entities/index.js';
import {
  declarationRuleViolations,
  sharingRecommendation,
  type CollectionDeclaration,
  type CollectionSource,
  type CollectionSourceType,
  type ItemMatch,
} from '../domain/collection.js';
import { NotFoundError, RuleViolationError } from '../domain/errors.js';
import type { Role } from '../domain/roles.js';
import { NotificationOutbox } from '../notifications/notification-outbox.service.js';
import { coverageScore, matchItems } from './item-matching.js';

/** What the review workflow is started with. */
export interface CollectionSubject {
  registrationId: string;
  subject: string;
  departmentId: string;
  departmentName: string;
}

export interface CandidateSummary {
  sourceType: CollectionSourceType;
  sourceId: string;
  name: string;
  score: number;
  matchedItems: ItemMatch[];
}

export interface Reviewer {
  role: Role;
  userId: string;
}

export type CollectionDecision =
  | { outcome: 'approved'; reviewers: Reviewer[] }
  | { outcome: 'rejected'; reviewer: Reviewer; reasons: string }
  | { outcome: 'duplicate'; reviewer: Reviewer; of: string; comment?: string };

export interface DecisionRecord {
  status: CollectionDecision['outcome'];
  duplicateOf?: CollectionSource;
  recommendation?: string;
}

/** The sources searched for a registration's items, each aliased `r` with the columns the matching reads. */
const SOURCES: Record<CollectionSourceType, string> = {
  catalog_resource: `select r.id, r.provider_department_id as "departmentId", v.name, v.data_items as "dataItems"
    from catalog_resource r join catalog_resource_version v on v.resource_id = r.id and v.version = r.published_version
    where r.status = 'published'`,
  collection_registration: `select r.id, r.department_id as "departmentId", r.subject as name, r.data_items as "dataItems"
    from collection_registration r where r.status = 'approved'`,
};
const SOURCES_SEARCHED = 200;
const CANDIDATES_KEPT = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The rules of collection registration. Methods that the review workflow calls through activities
 * are idempotent (a retried activity finds its work done).
 */
@Injectable()
export class CollectionService {
  constructor(
    private readonly em: EntityManager,
    private readonly notifications: NotificationOutbox,
  ) {}

  /** Writes the registration, as submitted; what it returns starts its review. */
  async declare(departmentId: string, createdBy: string, declaration: CollectionDeclaration): Promise<CollectionSubject> {
    const problems = declarationRuleViolations(declaration);
    if (problems.length > 0) throw new RuleViolationError(problems.map((p) => p.message).join('; '), problems);
    const department = await this.em.findOneOrFail(Department, { id: departmentId });
    const text = [declaration.subject, declaration.description, ...declaration.dataItems.map((item) => item.name)].join('\n');
    const registration = this.em.create(CollectionRegistration, {
      ...declaration,
      departmentId,
      createdBy,
      status: 'submitted',
      searchText: normaliseForSearch(text),
      searchGrams: gramIds(searchGrams(text)),
    });
    await this.em.flush();
    return { registrationId: registration.id, subject: registration.subject, departmentId, departmentName: department.name };
  }

  /**
   * Looks in the catalog (published resources) and the registry (approved registrations) for the
   * registration's items, stores the sources holding any of them as candidates, and opens the review.
   */
  async attachCandidates(registrationId: string): Promise<CandidateSummary[]> {
    return this.em.transactional(async (tx) => {
      const registration = await this.lock(tx, registrationId);
      if (registration.status === 'submitted') {
        for (const candidate of await this.findCandidates(tx, registration)) tx.create(CollectionCandidate, { registrationId, ...candidate });
        Object.assign(registration, { status: 'in_review', updatedAt: new Date() });
        await tx.flush();
      }
      const stored = await tx.find(CollectionCandidate, { registrationId }, { orderBy: { score: 'desc', sourceName: 'asc' } });
      return stored.map(({ sourceType, sourceId, sourceName, score, matchedItems }) => ({ sourceType, sourceId, name: sourceName, score, matchedItems }));
    });
  }

  async decide(registrationId: string, decision: CollectionDecision): Promise<DecisionRecord> {
    const { record, notificationIds } = await this.em.transactional(async (tx) => {
      const registration = await this.lock(tx, registrationId);
      if (registration.status !== 'in_review') return { record: await this.decisionOf(registration, tx), notificationIds: [] };
      const duplicateOf = decision.outcome === 'duplicate' ? await this.source(decision.of, {}, tx) : undefined;
      if (decision.outcome === 'duplicate' && !duplicateOf) throw new NotFoundError(`no collection source ${decision.of}`);
      const comment = decision.outcome === 'rejected' ? decision.reasons : decision.outcome === 'duplicate' ? decision.comment : undefined;
      Object.assign(registration, {
        status: decision.outcome,
        decisionComment: comment ?? null,
        duplicateOfType: duplicateOf?.type ?? null,
        duplicateOfId: duplicateOf?.id ?? null,
        decidedAt: new Date(),
        updatedAt: new Date(),
      });
      const record = decisionRecord(decision.outcome, duplicateOf);
      const notificationIds = await this.notifications.record(tx, {
        recipients: { role: 'staff', departmentId: registration.departmentId },
        template: 'collection-decision',
        subject: `采集登记审核结果：${registration.subject}`,
        data: { subject: registration.subject, outcome: record.status, reasons: registration.decisionComment ?? '', recommendation: record.recommendation ?? '' },
        path: `/collections/${registration.id}`,
        dedupeKey: `collection:${registration.id}:${record.status}`,
      });
      return { record, notificationIds };
    });
    await this.notifications.dispatch(notificationIds);
    return record;
  }

  /**
   * The existing source a reviewer names when marking a registration a duplicate: a published catalog
   * resource or another approved registration. Anything else breaks the rule (422).
   */
  async duplicateSource(registrationId: string, of: unknown): Promise<CollectionSource> {
    const source = typeof of === 'string' && UUID.test(of) && of !== registrationId ? await this.source(of, { usable: true }) : undefined;
    if (!source) {
      throw new RuleViolationError(`'${String(of)}' is neither a published catalog resource nor an approved collection registration`, [
        { field: 'payload.of', message: 'not an existing source of the data' },
      ]);
    }
    return source;
  }

  private async findCandidates(tx: EntityManager, registration: CollectionRegistration) {
    const declared = registration.dataItems.map((item) => item.name);
    const holdsAny = declared.map((name) => containsTerm('r', name));
    const where = `(${holdsAny.map((c) => c.sql).join(' or ')})`;
    const params = holdsAny.flatMap((c) => c.params);
    const candidates = [];
    for (const [sourceType, select] of Object.entries(SOURCES) as [CollectionSourceType, string][]) {
      const rows = await tx.execute<{ id: string; departmentId: string; name: string; dataItems: { name: string }[] }[]>(
        `${select} and ${where} order by r.id limit ?`,
        [...params, SOURCES_SEARCHED],
      );
      for (const row of rows) {
        const matchedItems = matchItems(declared, row.dataItems.map((item) => item.name));
        if (matchedItems.length === 0) continue;
        candidates.push({ sourceType, sourceId: row.id, sourceName: row.name, sourceDepartmentId: row.departmentId, matchedItems, score: coverageScore(declared, matchedItems) });
      }
    }
    return candidates.sort((a, b) => b.score - a.score || a.sourceName.localeCompare(b.sourceName)).slice(0, CANDIDATES_KEPT);
  }

  /** A catalog resource or registration by id; `usable` asks for one that can be shared from (published, approved). */
  async source(id: string, { usable = false } = {}, em: EntityManager = this.em): Promise<CollectionSource | undefined> {
    const resource = await em.findOne(CatalogResource, { id, ...(usable ? { status: 'published' as const } : {}) });
    if (resource) {
      const version = await em.findOneOrFail(CatalogResourceVersion, { resourceId: id, version: resource.publishedVersion ?? resource.workingVersion });
      return this.sourceOf(em, 'catalog_resource', id, version.name, resource.providerDepartmentId);
    }
    const registration = await em.findOne(CollectionRegistration, { id, ...(usable ? { status: 'approved' as const } : {}) });
    return registration ? this.sourceOf(em, 'collection_registration', id, registration.subject, registration.departmentId) : undefined;
  }

  private async sourceOf(em: EntityManager, type: CollectionSourceType, id: string, name: string, departmentId: string): Promise<CollectionSource> {
    const department = await em.findOneOrFail(Department, { id: departmentId });
    return { type, id, name, departmentId, departmentName: department.name };
  }

  /** What was decided on a registration: the existing source it duplicates, and what to do instead. */
  async decisionOf(registration: CollectionRegistration, em: EntityManager = this.em): Promise<DecisionRecord> {
    const duplicateOf = registration.duplicateOfId ? await this.source(registration.duplicateOfId, {}, em) : undefined;
    return decisionRecord(registration.status as DecisionRecord['status'], duplicateOf);
  }

  private async lock(tx: EntityManager, registrationId: string): Promise<CollectionRegistration> {
    const registration = await tx.findOne(CollectionRegistration, { id: registrationId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!registration) throw new NotFoundError(`no collection registration ${registrationId}`);
    return registration;
  }
}

function decisionRecord(status: DecisionRecord['status'], duplicateOf: CollectionSource | undefined): DecisionRecord {
  return duplicateOf ? { status, duplicateOf, recommendation: sharingRecommendation(duplicateOf) } : { status };
}
