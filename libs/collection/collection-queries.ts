import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../auth/access-policy.js';
import type { Principal } from '../auth/principal.js';
import { containsAllTerms } from '../catalog/search-grams.js';
import { CollectionCandidate, CollectionRegistration, Department, Task } from '../database/entities/index.js';
import type { CollectionStatus } from '../domain/collection.js';
import { NotFoundError } from '../domain/errors.js';
import { CollectionService } from './collection.service.js';

export interface CollectionSearch {
  q?: string;
  departmentId?: string;
  status?: CollectionStatus;
  limit: number;
  offset: number;
}

/** Reads of the registry: one registration as its viewer may see it, the lists, and the public collection-responsibility catalog. */
@Injectable()
export class CollectionQueries {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessPolicy,
    private readonly collections: CollectionService,
  ) {}

  /** One registration with its candidates, open review tasks, outcomes and decision. */
  async registration(principal: Principal, id: string) {
    const registration = await this.em.findOne(CollectionRegistration, { id });
    if (!registration || !this.access.canSeeCollection(principal, registration)) throw new NotFoundError(`no collection registration ${id}`);
    const candidates = await this.em.find(CollectionCandidate, { registrationId: id }, { orderBy: { score: 'desc', sourceName: 'asc' } });
    const tasks = await this.em.find(Task, { subjectType: 'collection_registration', subjectId: id }, { orderBy: { createdAt: 'asc', assigneeRole: 'asc' } });
    const names = await this.departmentNames([registration.departmentId, ...candidates.map((c) => c.sourceDepartmentId)]);
    return {
      ...registrationView(registration, names),
      candidates: candidates.map((candidate) => ({
        sourceType: candidate.sourceType,
        sourceId: candidate.sourceId,
        name: candidate.sourceName,
        departmentId: candidate.sourceDepartmentId,
        departmentName: names.get(candidate.sourceDepartmentId),
        score: candidate.score,
        matchedItems: candidate.matchedItems,
      })),
      openTasks: tasks
        .filter((task) => task.status === 'open')
        .map((task) => ({ id: task.id, kind: task.kind, assigneeRole: task.assigneeRole, dueAt: task.dueAt.toISOString(), overdue: task.overdue })),
      outcomes: tasks
        .filter((task) => task.status !== 'open')
        .map((task) => ({
          taskId: task.id,
          assigneeRole: task.assigneeRole,
          status: task.status,
          outcome: task.outcome ?? undefined,
          comment: task.comment ?? undefined,
          payload: task.payload ?? undefined,
          completedBy: task.completedBy ?? undefined,
          closedAt: task.closedAt?.toISOString(),
        })),
      decision: registration.decidedAt
        ? {
            ...(await this.collections.decisionOf(registration)),
            decidedAt: registration.decidedAt.toISOString(),
            reasons: registration.status === 'rejected' ? registration.decisionComment : undefined,
            comment: registration.status === 'duplicate' ? (registration.decisionComment ?? undefined) : undefined,
          }
        : undefined,
    };
  }

  /** The registrations the caller may see: the reviewers and city-wide roles all of them, others their department's. */
  async list(principal: Principal, search: CollectionSearch) {
    const scope = this.access.seesAllCollections(principal) ? {} : { departmentId: principal.departmentId };
    const page = await this.search({ ...search, ...scope });
    const names = await this.departmentNames(page.items.map((r) => r.departmentId));
    return { items: page.items.map((registration) => registrationView(registration, names)), total: page.total };
  }

  /** The public collection-responsibility catalog (采集责任公开目录): approved registrations, for anyone. */
  async publicCatalog(search: Omit<CollectionSearch, 'status'>) {
    const page = await this.search({ ...search, status: 'approved' });
    const names = await this.departmentNames(page.items.map((r) => r.departmentId));
    return {
      items: page.items.map((registration) => ({
        id: registration.id,
        subject: registration.subject,
        description: registration.description,
        dataItems: registration.dataItems,
        responsibleDepartment: { id: registration.departmentId, name: names.get(registration.departmentId) },
        standard: registration.standard,
        frequency: registration.frequency,
        legalBasis: registration.legalBasis,
        approvedAt: registration.decidedAt?.toISOString(),
      })),
      total: page.total,
    };
  }

  private async search(search: CollectionSearch) {
    const where: string[] = [];
    const params: unknown[] = [];
    const text = containsAllTerms('r', search.q);
    if (text) {
      where.push(text.sql);
      params.push(...text.params);
    }
    for (const [column, value] of [['department_id', search.departmentId], ['status', search.status]] as const) {
      if (!value) continue;
      where.push(`r.${column} = ?`);
      params.push(value);
    }
    const from = `from collection_registration r ${where.length ? `where ${where.join(' and ')}` : ''}`;
    const [{ total }] = await this.em.execute<{ total: string }[]>(`select count(*) as total ${from}`, params);
    const rows = await this.em.execute<{ id: string }[]>(`select r.id ${from} order by r.updated_at desc, r.id limit ? offset ?`, [
      ...params,
      search.limit,
      search.offset,
    ]);
    const found = new Map((await this.em.find(CollectionRegistration, { id: { $in: rows.map((row) => row.id) } })).map((r) => [r.id, r]));
    return { items: rows.map((row) => found.get(row.id)!), total: Number(total) };
  }

  private async departmentNames(ids: string[]) {
    const departments = await this.em.find(Department, { id: { $in: [...new Set(ids)] } });
    return new Map(departments.map((department) => [department.id, department.name]));
  }
}

function registrationView(registration: CollectionRegistration, departmentNames: Map<string, string>) {
  return {
    id: registration.id,
    status: registration.status,
    subject: registration.subject,
    description: registration.description,
    dataItems: registration.dataItems,
    legalBasis: registration.legalBasis,
    standard: registration.standard,
    frequency: registration.frequency,
    departmentId: registration.departmentId,
    departmentName: departmentNames.get(registration.departmentId),
    department: namedRef(registration.departmentId, departmentNames),
    createdAt: registration.createdAt.toISOString(),
    updatedAt: registration.updatedAt.toISOString(),
    decidedAt: registration.decidedAt?.toISOString(),
  };
}

function namedRef(id: string, names: Map<string, string>) {
  const name = names.get(id);
  return name === undefined ? undefined : { id, name };
}
