import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { CatalogResource, CatalogResourceVersion, CatalogSubscription, Department, type ResourceStatus, type VersionChange } from '../database/entities/index.js';
import { metadataIdentifier, metadataRuleViolations, resourceIdentifier, type ResourceMetadata } from '../domain/catalog.js';
import { ConflictError, NotFoundError, RuleViolationError } from '../domain/errors.js';
import { NotificationOutbox } from '../notifications/notification-outbox.service.js';
import { metadataOf } from './catalog-queries.js';
import { gramIds, normaliseForSearch, searchGrams } from './search-grams.js';

export interface ReviewSubject {
  resourceId: string;
  version: number;
  change: VersionChange;
  identifier: string;
  name: string;
  providerDepartmentId: string;
}

/**
 * The catalog's rules: drafting, versions, and what review outcomes do to a resource. Methods that
 * workflows call through activities are idempotent (a retried activity finds its work done).
 */
@Injectable()
export class CatalogService {
  constructor(
    private readonly em: EntityManager,
    private readonly notifications: NotificationOutbox,
  ) {}

  async createDraft(providerDepartmentId: string, createdBy: string, metadata: ResourceMetadata): Promise<CatalogResource> {
    assertRules(metadata);
    const department = await this.em.findOneOrFail(Department, { id: providerDepartmentId });
    return this.em.transactional(async (tx) => {
      const prefix = resourceIdentifier(metadata.catalog, department.code, 0).split('/')[0]!;
      const [{ last_value: sequence }] = await tx.execute<{ last_value: number }[]>(
        `insert into catalog_identifier_sequence (prefix, last_value) values (?, 1)
         on conflict (prefix) do update set last_value = catalog_identifier_sequence.last_value + 1
         returning last_value`,
        [prefix],
      );
      const identifier = resourceIdentifier(metadata.catalog, department.code, sequence!);
      const resource = tx.create(CatalogResource, { identifier, providerDepartmentId, status: 'draft', workingVersion: 1 });
      await tx.flush(); // the version row references the resource row; the ORM knows them only as ids
      const version = tx.create(CatalogResourceVersion, {
        ...versionFields(metadata),
        resourceId: resource.id,
        version: 1,
        metadataIdentifier: metadataIdentifier(identifier, 1),
        state: 'draft',
        change: 'publish',
        createdBy,
      });
      indexForSearch(resource, version);
      return resource;
    });
  }

  /** Edits the draft or returned version; on a published resource with nothing pending, starts a revision. */
  async revise(resourceId: string, editedBy: string, metadata: ResourceMetadata): Promise<CatalogResource> {
    assertRules(metadata);
    return this.em.transactional(async (tx) => {
      const resource = await this.lockResource(tx, resourceId);
      const working = await tx.findOneOrFail(CatalogResourceVersion, { resourceId, version: resource.workingVersion });
      if (working.state === 'draft' || working.state === 'returned') {
        if (working.change === 'retire') throw new ConflictError('a retirement is pending: submit or wait for it');
        Object.assign(working, versionFields(metadata), { updatedAt: new Date() });
        if (resource.publishedVersion === null) indexForSearch(resource, working);
      } else if (working.state === 'approved' && resource.status === 'published') {
        this.newVersion(tx, resource, working, 'revise', editedBy, metadata);
      } else {
        throw new ConflictError(`the resource cannot be edited while it is ${working.state === 'in_review' ? 'in review' : resource.status}`);
      }
      resource.updatedAt = new Date();
      return resource;
    });
  }

  /** A retirement is a version of its own that goes through review like any change. */
  async draftRetirement(resourceId: string, requestedBy: string): Promise<void> {
    await this.em.transactional(async (tx) => {
      const resource = await this.lockResource(tx, resourceId);
      const working = await tx.findOneOrFail(CatalogResourceVersion, { resourceId, version: resource.workingVersion });
      if (resource.status !== 'published' || working.state !== 'approved') {
        throw new ConflictError('only a published resource with no pending change can be retired');
      }
      this.newVersion(tx, resource, working, 'retire', requestedBy, metadataOf(working));
    });
  }

  /** The version a submission would send to review; 409 when there is nothing to submit. */
  async submittable(resourceId: string): Promise<ReviewSubject> {
    const resource = await this.em.findOne(CatalogResource, { id: resourceId });
    if (!resource) throw new NotFoundError(`no resource ${resourceId}`);
    const working = await this.em.findOneOrFail(CatalogResourceVersion, { resourceId, version: resource.workingVersion });
    if (working.state !== 'draft' && working.state !== 'returned') {
      throw new ConflictError(working.state === 'in_review' ? 'the resource is already in review' : 'there is no draft to submit');
    }
    return reviewSubject(resource, working);
  }

  async markInReview(resourceId: string, version: number, round: number): Promise<void> {
    await this.em.transactional(async (tx) => {
      const [resource, working] = await this.versionOf(tx, resourceId, version);
      if (working.reviewRounds >= round) return;
      Object.assign(working, { state: 'in_review', reviewRounds: round, updatedAt: new Date() });
      if (resource.publishedVersion === null) resource.status = 'in_review';
      resource.updatedAt = new Date();
    });
  }

  async returnForRevision(resourceId: string, version: number, round: number, reasons: string): Promise<void> {
    await this.decide(resourceId, version, 'returned', async (tx, resource, working) => {
      if (resource.publishedVersion === null) resource.status = 'returned';
      return this.notifications.record(tx, {
        recipients: { role: 'staff', departmentId: resource.providerDepartmentId },
        template: 'catalog-decision',
        subject: `目录资源退回修改：${working.name}`,
        data: { name: working.name, identifier: resource.identifier, outcome: 'returned', reasons, round },
        path: `/catalog/resources/${resource.id}`,
        dedupeKey: `catalog:${resource.id}:v${version}:round${round}:returned`,
      });
    });
  }

  async approve(resourceId: string, version: number): Promise<ResourceStatus> {
    let status: ResourceStatus = 'published';
    await this.decide(resourceId, version, 'approved', async (tx, resource, working) => {
      const now = new Date();
      if (resource.publishedVersion !== null) {
        await tx.nativeUpdate(CatalogResourceVersion, { resourceId, version: resource.publishedVersion }, { state: 'superseded' });
      }
      if (working.change === 'retire') {
        Object.assign(resource, { status: 'retired', retiredAt: now });
      } else {
        Object.assign(resource, { status: 'published', publishedVersion: version, publishedAt: now });
        indexForSearch(resource, working);
      }
      status = resource.status;
      const subscriberNotices = working.change === 'publish' ? [] : await this.notifySubscribers(tx, resource, working);
      const providerNotices = await this.notifications.record(tx, {
        recipients: { role: 'staff', departmentId: resource.providerDepartmentId },
        template: 'catalog-decision',
        subject: `${working.change === 'retire' ? '目录资源已注销' : '目录资源已发布'}：${working.name}`,
        data: { name: working.name, identifier: resource.identifier, outcome: working.change === 'retire' ? 'retired' : 'published', reasons: '', round: working.reviewRounds },
        path: `/catalog/resources/${resource.id}`,
        dedupeKey: `catalog:${resource.id}:v${version}:approved`,
      });
      return [...providerNotices, ...subscriberNotices];
    });
    return status;
  }

  /** Tells every subscribing department that a resource it relies on changed or was retired. */
  private async notifySubscribers(tx: EntityManager, resource: CatalogResource, working: CatalogResourceVersion): Promise<string[]> {
    const subscriptions = await tx.find(CatalogSubscription, { resourceId: resource.id });
    const ids: string[] = [];
    for (const { departmentId } of subscriptions) {
      ids.push(
        ...(await this.notifications.record(tx, {
          recipients: { role: 'staff', departmentId },
          template: 'resource-changed',
          subject: `订阅的目录资源有变更：${working.name}`,
          data: { name: working.name, identifier: resource.identifier, version: working.version, change: working.change },
          path: `/catalog/resources/${resource.id}`,
          dedupeKey: `catalog:${resource.id}:v${working.version}:subscriber:${departmentId}`,
        })),
      );
    }
    return ids;
  }

  private async decide(
    resourceId: string,
    version: number,
    state: 'returned' | 'approved',
    apply: (tx: EntityManager, resource: CatalogResource, working: CatalogResourceVersion) => Promise<string[]>,
  ): Promise<void> {
    const notificationIds = await this.em.transactional(async (tx) => {
      const [resource, working] = await this.versionOf(tx, resourceId, version);
      if (working.state !== 'in_review') return [];
      Object.assign(working, { state, decidedAt: new Date(), updatedAt: new Date() });
      resource.updatedAt = new Date();
      return apply(tx, resource, working);
    });
    await this.notifications.dispatch(notificationIds);
  }

  private newVersion(
    tx: EntityManager,
    resource: CatalogResource,
    from: CatalogResourceVersion,
    change: VersionChange,
    createdBy: string,
    metadata: ResourceMetadata,
  ) {
    const version = from.version + 1;
    tx.create(CatalogResourceVersion, {
      ...versionFields(metadata),
      resourceId: resource.id,
      version,
      metadataIdentifier: metadataIdentifier(resource.identifier, version),
      state: 'draft',
      change,
      createdBy,
    });
    resource.workingVersion = version;
    resource.updatedAt = new Date();
  }

  private async lockResource(tx: EntityManager, resourceId: string): Promise<CatalogResource> {
    const resource = await tx.findOne(CatalogResource, { id: resourceId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!resource) throw new NotFoundError(`no resource ${resourceId}`);
    return resource;
  }

  private async versionOf(tx: EntityManager, resourceId: string, version: number) {
    const resource = await this.lockResource(tx, resourceId);
    const working = await tx.findOneOrFail(CatalogResourceVersion, { resourceId, version });
    return [resource, working] as const;
  }
}

function assertRules(metadata: ResourceMetadata) {
  const problems = metadataRuleViolations(metadata);
  if (problems.length > 0) throw new RuleViolationError(problems.map((p) => p.message).join('; '), problems);
}

function versionFields(metadata: ResourceMetadata) {
  return { ...metadata, notShareableBasis: metadata.sharingType === 'not_shareable' ? metadata.notShareableBasis!.trim() : null };
}

function reviewSubject(resource: CatalogResource, version: CatalogResourceVersion): ReviewSubject {
  return {
    resourceId: resource.id,
    version: version.version,
    change: version.change,
    identifier: resource.identifier,
    name: version.name,
    providerDepartmentId: resource.providerDepartmentId,
  };
}

function indexForSearch(resource: CatalogResource, version: CatalogResourceVersion) {
  const text = [version.name, version.abstract, ...version.dataItems.map((item) => item.name)].join('\n');
  Object.assign(resource, {
    shownCatalog: version.catalog,
    shownSharingType: version.sharingType,
    shownOpenScope: version.openScope,
    searchText: normaliseForSearch(text),
    searchGrams: gramIds(searchGrams(text)),
  });
}
