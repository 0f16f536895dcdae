import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../auth/access-policy.js';
import type { Principal } from '../auth/principal.js';
import { CatalogResource, DataDemand, Department, type DemandAnswer } from '../database/entities/index.js';
import type { UpdateFrequency } from '../domain/catalog.js';
import { RuleViolationError } from '../domain/errors.js';
import { NotificationOutbox } from '../notifications/notification-outbox.service.js';

export interface NewDemand {
  dataName: string;
  expectedProviderDepartmentId: string;
  content: string;
  purpose: string;
  updateFrequency: UpdateFrequency;
}

export interface DemandSubject {
  demandId: string;
  dataName: string;
  requesterDepartmentId: string;
  expectedProviderDepartmentId: string;
}

/** Data demands (数据需求调研): a department says what data it needs; the expected provider answers. */
@Injectable()
export class DemandService {
  constructor(
    private readonly em: EntityManager,
    private readonly notifications: NotificationOutbox,
    private readonly access: AccessPolicy,
  ) {}

  async register(requesterDepartmentId: string, createdBy: string, input: NewDemand): Promise<DataDemand> {
    if (input.expectedProviderDepartmentId === requesterDepartmentId) {
      throw new RuleViolationError('a department cannot address a demand to itself', [
        { field: 'expectedProviderDepartmentId', message: 'must be another department' },
      ]);
    }
    if (!(await this.em.findOne(Department, { id: input.expectedProviderDepartmentId }))) {
      throw new RuleViolationError('the expected provider does not exist', [{ field: 'expectedProviderDepartmentId', message: 'unknown department' }]);
    }
    const demand = this.em.create(DataDemand, { ...input, requesterDepartmentId, createdBy });
    await this.em.flush();
    return demand;
  }

  /** The demands a person may see: those of their department (either side), or all for the coordinating bodies. */
  async visible(principal: Principal, filter: { status?: DataDemand['status']; limit: number; offset: number }) {
    const scope = this.access.isCityWide(principal)
      ? {}
      : { $or: [{ requesterDepartmentId: principal.departmentId }, { expectedProviderDepartmentId: principal.departmentId }] };
    const [items, total] = await this.em.findAndCount(DataDemand, { ...scope, ...(filter.status ? { status: filter.status } : {}) }, {
      orderBy: { createdAt: 'desc' },
      limit: filter.limit,
      offset: filter.offset,
    });
    return { items, total };
  }

  /** Why an `exists` answer cannot stand: it must name a published resource of the answering department. */
  async existingResourceProblem(providerDepartmentId: string, resourceId: unknown): Promise<string | undefined> {
    if (typeof resourceId !== 'string' || !/^[0-9a-f-]{36}$/i.test(resourceId)) return 'payload.resourceId must name the existing resource';
    const resource = await this.em.findOne(CatalogResource, { id: resourceId });
    if (!resource || resource.status !== 'published') return 'payload.resourceId must name a published catalog resource';
    if (resource.providerDepartmentId !== providerDepartmentId) return 'payload.resourceId must be a resource of the answering department';
    return undefined;
  }

  async recordAnswer(demandId: string, answer: DemandAnswer, resourceId: string | null, comment: string | null): Promise<void> {
    const notificationIds = await this.em.transactional(async (tx) => {
      const demand = await tx.findOneOrFail(DataDemand, { id: demandId });
      if (demand.status === 'answered') return [];
      Object.assign(demand, { status: 'answered', answer, answerResourceId: resourceId, answerComment: comment, answeredAt: new Date() });
      return this.notifications.record(tx, {
        recipients: { role: 'staff', departmentId: demand.requesterDepartmentId },
        template: 'demand-answered',
        subject: `数据需求已答复：${demand.dataName}`,
        data: { dataName: demand.dataName, answer, comment: comment ?? '' },
        path: `/demands/${demand.id}`,
        dedupeKey: `demand:${demand.id}:answered`,
      });
    });
    await this.notifications.dispatch(notificationIds);
  }
}
