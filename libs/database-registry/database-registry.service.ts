import { LockMode, type FilterQuery } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { CatalogResource, Department, GovernmentDatabase, GovernmentDatabaseStep, Task, User } from '../database/entities/index.js';
import {
  CATALOGUED_STATUSES,
  DATABASE_STEPS,
  DATABASE_SUBJECT_TYPE,
  type DatabaseAttributes,
  type DatabaseCategory,
  type DatabaseStatus,
  type DatabaseStep,
} from '../domain/government-databases.js';

export interface RecordStepRequest {
  databaseId: string;
  departmentId: string;
  stepNo: number;
  round: number;
  step: DatabaseStep;
  requestedBy: string;
  /** The filing itself: only the first request of a database carries it. */
  attributes?: DatabaseAttributes;
  changes?: Partial<DatabaseAttributes>;
  reason?: string;
}

export interface StepRoundRef {
  databaseId: string;
  stepNo: number;
  round: number;
}

export interface StepReview extends StepRoundRef {
  reviewedBy: string;
  comment?: string;
}

/** A database as a filing records it: its attributes and status once a step has been applied. */
export type DatabaseRecord = DatabaseAttributes & { id: string; departmentId: string; status: DatabaseStatus };

export interface DatabaseDetail {
  database: GovernmentDatabase;
  rounds: GovernmentDatabaseStep[];
  openTasks: Task[];
}

export interface DatabaseListFilter {
  departmentId?: string;
  status?: DatabaseStatus;
}

export interface CatalogFilter {
  departmentId?: string;
  category?: DatabaseCategory;
  q?: string;
}

interface Page {
  limit: number;
  offset: number;
}

/**
 * The register of departments' government databases (数据库备案/注册/运行/更新/注销). The workflow
 * of each database writes through the first group of methods (each idempotent, because each is a
 * retried activity); the API reads through the second.
 */
@Injectable()
export class DatabaseRegistry {
  constructor(private readonly em: EntityManager) {}

  /** Records a step request round; the first request of a database also records the database as filed. */
  async recordRequest(command: RecordStepRequest): Promise<{ name: string }> {
    return this.em.transactional(async (tx) => {
      let database = await tx.findOne(GovernmentDatabase, { id: command.databaseId });
      if (!database) {
        if (!command.attributes) throw new Error(`database ${command.databaseId} has no filing to record`);
        const now = new Date();
        database = tx.create(GovernmentDatabase, {
          id: command.databaseId,
          departmentId: command.departmentId,
          ...storedAttributes(command.attributes),
          status: 'filed',
          filedAt: now,
          updatedAt: now,
        });
        await tx.flush();
      }
      const round = { databaseId: command.databaseId, stepNo: command.stepNo, round: command.round };
      if (!(await tx.findOne(GovernmentDatabaseStep, round))) {
        tx.create(GovernmentDatabaseStep, {
          ...round,
          step: command.step,
          changes: command.changes && Object.keys(command.changes).length > 0 ? command.changes : null,
          reason: command.reason?.trim() || null,
          requestedBy: command.requestedBy,
          requestedAt: new Date(),
        });
      }
      return { name: database.name };
    });
  }

  /** Applies an approved step: its changes and the status it leads to. Returns the database as it now stands. */
  async approve(review: StepReview): Promise<DatabaseRecord> {
    return this.em.transactional(async (tx) => {
      const round = await this.lockRound(tx, review);
      const database = await tx.findOneOrFail(GovernmentDatabase, { id: review.databaseId });
      if (round.status === 'in_review') {
        const now = new Date();
        const rule = DATABASE_STEPS[round.step];
        if (round.changes) Object.assign(database, storedAttributes({ ...attributesOf(database), ...round.changes }));
        database.status = rule.to;
        database.updatedAt = now;
        if (round.step === 'register') database.registeredAt = now;
        if (round.step === 'operate') database.operatingSince = now;
        if (round.step === 'deregister') database.deregisteredAt = now;
        Object.assign(round, reviewed('approved', review, now));
      }
      return { id: database.id, departmentId: database.departmentId, status: database.status, ...attributesOf(database) };
    });
  }

  async returnRound(review: StepReview): Promise<void> {
    await this.em.transactional(async (tx) => {
      const round = await this.lockRound(tx, review);
      if (round.status === 'in_review') Object.assign(round, reviewed('returned', review, new Date()));
    });
  }

  async linkFiling(ref: StepRoundRef & { filingSeq: number }): Promise<void> {
    await this.em.transactional(async (tx) => {
      const round = await this.lockRound(tx, ref);
      round.filingSeq = ref.filingSeq;
    });
  }

  find(id: string): Promise<GovernmentDatabase | null> {
    return this.em.findOne(GovernmentDatabase, { id });
  }

  /** The catalog resources among `ids` that exist (a database names those it backs). */
  catalogResources(ids: string[]): Promise<CatalogResource[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.em.find(CatalogResource, { id: { $in: ids } });
  }

  async stepInReview(databaseId: string): Promise<DatabaseStep | null> {
    return (await this.em.findOne(GovernmentDatabaseStep, { databaseId, status: 'in_review' }))?.step ?? null;
  }

  async detail(database: GovernmentDatabase): Promise<DatabaseDetail> {
    const [rounds, openTasks] = await Promise.all([
      this.em.find(GovernmentDatabaseStep, { databaseId: database.id }, { orderBy: { stepNo: 'asc', round: 'asc' } }),
      this.em.find(Task, { subjectType: DATABASE_SUBJECT_TYPE, subjectId: database.id, status: 'open' }, { orderBy: { dueAt: 'asc' } }),
    ]);
    return { database, rounds, openTasks };
  }

  /** `scope` is the caller's visibility (from the access policy); the filter narrows within it. */
  async list(scope: FilterQuery<GovernmentDatabase>, filter: DatabaseListFilter, page: Page) {
    const where = { $and: [scope, definedOnly(filter)] } as FilterQuery<GovernmentDatabase>;
    const [items, total] = await this.em.findAndCount(GovernmentDatabase, where, { orderBy: { filedAt: 'desc', id: 'asc' }, ...page });
    return { items, total };
  }

  /** The database management catalog (数据库管理目录): registered databases still in service, with their departments. */
  async catalog(filter: CatalogFilter, page: Page) {
    const { q, ...match } = filter;
    const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
    const where = {
      ...definedOnly(match),
      status: { $in: [...CATALOGUED_STATUSES] },
      ...(pattern ? { $or: [{ name: { $ilike: pattern } }, { description: { $ilike: pattern } }] } : {}),
    } as FilterQuery<GovernmentDatabase>;
    const [items, total] = await this.em.findAndCount(GovernmentDatabase, where, { orderBy: { name: 'asc', id: 'asc' }, ...page });
    return { items, total, departments: await this.departmentNames(items.map((item) => item.departmentId)) };
  }

  async departmentNames(ids: string[]): Promise<Map<string, string>> {
    const departments = await this.em.find(Department, { id: { $in: [...new Set(ids)] } });
    return new Map(departments.map((department) => [department.id, department.name]));
  }

  async userNames(ids: (string | null | undefined)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => !!id))];
    const users = await this.em.find(User, { id: { $in: wanted } });
    return new Map(users.map((user) => [user.id, user.displayName]));
  }

  private lockRound(tx: EntityManager, ref: StepRoundRef): Promise<GovernmentDatabaseStep> {
    const { databaseId, stepNo, round } = ref;
    return tx.findOneOrFail(GovernmentDatabaseStep, { databaseId, stepNo, round }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }
}

export function attributesOf(database: GovernmentDatabase): DatabaseAttributes {
  return {
    name: database.name,
    description: database.description,
    category: database.category,
    ...(database.businessArea ? { businessArea: database.businessArea } : {}),
    dataScale: database.dataScale,
    storageLocation: database.storageLocation,
    storageSystem: database.storageSystem,
    contact: database.contact,
    updateFrequency: database.updateFrequency,
    dataSubjects: database.dataSubjects,
    catalogResourceIds: database.catalogResourceIds,
  };
}

function storedAttributes(attributes: DatabaseAttributes) {
  return { ...attributes, businessArea: attributes.businessArea ?? null, catalogResourceIds: attributes.catalogResourceIds ?? [] };
}

function reviewed(status: 'approved' | 'returned', review: StepReview, at: Date) {
  return { status, reviewedBy: review.reviewedBy, reviewedAt: at, reviewComment: review.comment?.trim() || null };
}

function definedOnly<T extends object>(filter: T): Partial<T> {
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined)) as Partial<T>;
}
