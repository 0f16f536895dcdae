import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../auth/access-policy.js';
import type { Principal } from '../auth/principal.js';
import { CatalogQueries } from '../catalog/catalog-queries.js';
import { CatalogResource, ResourceUpdate, User } from '../database/entities/index.js';
import { ConflictError, NotFoundError } from '../domain/errors.js';
import { UpdateCompliance } from './update-compliance.service.js';

export interface RecordUpdateCommand {
  resourceId: string;
  note?: string;
  /** The data_update task whose completion records this update: recording it again returns the first record. */
  sourceTaskId?: string;
}

export interface ResourceUpdateView {
  id: string;
  resourceId: string;
  providerDepartmentId: string;
  recordedAt: string;
  recordedBy: string;
  note: string;
  sourceTaskId?: string;
}

/**
 * The provider records that it updated a published resource's data (seed 003). The one way an update
 * is recorded: the API route calls it for the signed-in user, and the lapse workflow calls it for
 * whoever completed a data_update task. Open lapses of the resource are told, so they close.
 */
@Injectable()
export class RecordResourceUpdate {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessPolicy,
    private readonly catalog: CatalogQueries,
    private readonly compliance: UpdateCompliance,
  ) {}

  async execute(actor: Principal, command: RecordUpdateCommand): Promise<ResourceUpdateView> {
    const resource = await this.em.findOne(CatalogResource, { id: command.resourceId });
    if (!resource || !this.catalog.canSee(actor, resource)) throw new NotFoundError(`no resource ${command.resourceId}`);
    this.access.requireDepartmentMember(actor, resource.providerDepartmentId, 'recording an update of a resource');
    if (resource.status !== 'published') throw new ConflictError(`only a published resource is updated; this one is ${resource.status}`);

    const recorded = await this.insertOnce(resource, actor.id, command);
    await this.compliance.signalOpenLapses(resource.id, {
      updateId: recorded.id,
      recordedAt: recorded.recordedAt.toISOString(),
      recordedBy: recorded.recordedBy,
      note: recorded.note,
    });
    return updateView(recorded);
  }

  /** For a data_update task's completion: the person who completed it records the update. */
  async forTaskCompletion(completion: { resourceId: string; taskId: string; completedBy: string; comment?: string }): Promise<ResourceUpdateView> {
    const user = await this.em.findOneOrFail(User, { id: completion.completedBy });
    const actor: Principal = { id: user.id, username: user.username, displayName: user.displayName, departmentId: user.departmentId, roles: user.roles };
    return this.execute(actor, { resourceId: completion.resourceId, note: completion.comment, sourceTaskId: completion.taskId });
  }

  async list(viewer: Principal, resourceId: string, page: { limit: number; offset: number }) {
    const resource = await this.em.findOne(CatalogResource, { id: resourceId });
    if (!resource || !this.catalog.canSee(viewer, resource)) throw new NotFoundError(`no resource ${resourceId}`);
    const [items, total] = await this.em.findAndCount(
      ResourceUpdate,
      { resourceId },
      { orderBy: { recordedAt: 'desc', id: 'asc' }, limit: page.limit, offset: page.offset },
    );
    return { items: items.map(updateView), total };
  }

  private async insertOnce(resource: CatalogResource, recordedBy: string, command: RecordUpdateCommand): Promise<ResourceUpdate> {
    if (command.sourceTaskId) {
      const existing = await this.em.findOne(ResourceUpdate, { sourceTaskId: command.sourceTaskId });
      if (existing) return existing;
    }
    const row = this.em.create(ResourceUpdate, {
      resourceId: resource.id,
      providerDepartmentId: resource.providerDepartmentId,
      recordedBy,
      note: command.note?.trim() ?? '',
      sourceTaskId: command.sourceTaskId ?? null,
    });
    await this.em.flush();
    return row;
  }
}

function updateView(update: ResourceUpdate): ResourceUpdateView {
  return {
    id: update.id,
    resourceId: update.resourceId,
    providerDepartmentId: update.providerDepartmentId,
    recordedAt: update.recordedAt.toISOString(),
    recordedBy: update.recordedBy,
    note: update.note,
    sourceTaskId: update.sourceTaskId ?? undefined,
  };
}
