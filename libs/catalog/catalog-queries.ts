import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../auth/access-policy.js';
import type { Principal } from '../auth/principal.js';
import { CatalogResource, CatalogResourceVersion, Department, Task } from '../database/entities/index.js';
import type { CatalogKind, OpenScope, ResourceMetadata, SharingType } from '../domain/catalog.js';
import { NotFoundError } from '../domain/errors.js';
import { containsAllTerms } from './search-grams.js';

export interface CatalogSearch {
  q?: string;
  providerDepartmentId?: string;
  catalog?: CatalogKind;
  sharingType?: SharingType;
  openScope?: OpenScope;
  status?: CatalogResource['status'];
  limit: number;
  offset: number;
}

/** Reads of the catalog: search, the public query, and one resource as its viewer may see it. */
@Injectable()
export class CatalogQueries {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessPolicy,
  ) {}

  async search(principal: Principal | 'public', search: CatalogSearch) {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, ...values: unknown[]) => {
      where.push(clause);
      params.push(...values);
    };
    if (principal === 'public') {
      add(`r.status = 'published' and r.shown_open_scope = 'public'`);
    } else if (!this.access.isCityWide(principal)) {
      add(`(r.status in ('published', 'retired') or r.provider_department_id = ?)`, principal.departmentId);
    }
    const text = containsAllTerms('r', search.q);
    if (text) add(text.sql, ...text.params);
    if (search.providerDepartmentId) add('r.provider_department_id = ?', search.providerDepartmentId);
    if (search.status) add('r.status = ?', search.status);
    if (search.catalog) add('r.shown_catalog = ?', search.catalog);
    if (search.sharingType) add('r.shown_sharing_type = ?', search.sharingType);
    if (search.openScope) add('r.shown_open_scope = ?', search.openScope);

    // Matches are counted and ordered on narrow rows; only the page's rows are read whole.
    const rows = await this.em.execute<(Record<string, unknown> & { total_count: string })[]>(
      `with matches as (select r.id, r.updated_at from catalog_resource r ${where.length ? `where ${where.join(' and ')}` : ''}),
            page as (select id, updated_at from matches order by updated_at desc, id limit ? offset ?)
       select r.*, (select count(*) from matches) as total_count
       from page join catalog_resource r on r.id = page.id
       order by page.updated_at desc, page.id`,
      [...params, search.limit, search.offset],
    );
    const total = rows[0]?.total_count ?? (search.offset > 0 ? await this.count(where, params) : 0);
    const resources = rows.map(({ total_count: _, ...row }) => this.em.map(CatalogResource, row));
    const [versions, providers] = await Promise.all([this.shownVersions(resources), this.providerNames(resources)]);
    const items = resources.map((resource) => {
      const version = versions.get(resource.id)!;
      const provider = providers.get(resource.providerDepartmentId);
      return principal === 'public' ? publicView(resource, version, provider) : resourceView(resource, version, provider);
    });
    return { items, total: Number(total) };
  }

  /** Only for a page past the end, where the windowed count has no row to ride on. */
  private async count(where: string[], params: unknown[]): Promise<number> {
    const [row] = await this.em.execute<{ total: string }[]>(
      `select count(*) as total from catalog_resource r ${where.length ? `where ${where.join(' and ')}` : ''}`,
      params,
    );
    return Number(row!.total);
  }

  /** One resource: its shown version, and for the provider and coordinators its pending change and review rounds. */
  async resource(principal: Principal, resourceId: string) {
    const resource = await this.em.findOne(CatalogResource, { id: resourceId });
    if (!resource || !this.canSee(principal, resource)) throw new NotFoundError(`no resource ${resourceId}`);
    const shownVersion = resource.publishedVersion ?? resource.workingVersion;
    const version = await this.em.findOneOrFail(CatalogResourceVersion, { resourceId, version: shownVersion });
    const view = resourceView(resource, version, (await this.providerNames([resource])).get(resource.providerDepartmentId));
    if (!this.canSeeDrafts(principal, resource)) return view;

    const working = resource.workingVersion === shownVersion ? version : await this.em.findOneOrFail(CatalogResourceVersion, { resourceId, version: resource.workingVersion });
    const reviews = await this.em.find(Task, { subjectType: 'catalog_resource', subjectId: resourceId }, { orderBy: { createdAt: 'asc' } });
    return {
      ...view,
      pendingChange:
        working.version !== shownVersion || resource.publishedVersion === null
          ? { version: working.version, state: working.state, change: working.change, metadata: metadataOf(working) }
          : undefined,
      reviews: reviews.map((task) => ({
        taskId: task.id,
        version: Number(task.taskKey.split('-')[0]!.slice(1)),
        openedAt: task.createdAt.toISOString(),
        dueAt: task.dueAt.toISOString(),
        status: task.status,
        outcome: task.outcome ?? undefined,
        comment: task.comment ?? undefined,
        decidedAt: task.closedAt?.toISOString(),
      })),
    };
  }

  async publicResource(resourceId: string) {
    const resource = await this.em.findOne(CatalogResource, { id: resourceId, status: 'published' });
    const version = resource && (await this.em.findOne(CatalogResourceVersion, { resourceId, version: resource.publishedVersion! }));
    if (!resource || !version || version.openScope !== 'public') throw new NotFoundError(`no public resource ${resourceId}`);
    return publicView(resource, version, (await this.providerNames([resource])).get(resource.providerDepartmentId));
  }

  canSee(principal: Principal, resource: CatalogResource): boolean {
    return this.access.canSeeCatalogResource(principal, resource);
  }

  canSeeDrafts(principal: Principal, resource: CatalogResource): boolean {
    return this.access.canSeeCatalogDrafts(principal, resource);
  }

  /** The providing departments' names, one query for a whole page. */
  private async providerNames(resources: CatalogResource[]): Promise<Map<string, string>> {
    const ids = [...new Set(resources.map((resource) => resource.providerDepartmentId))];
    if (ids.length === 0) return new Map();
    return new Map((await this.em.find(Department, { id: { $in: ids } })).map((department) => [department.id, department.name]));
  }

  private async shownVersions(resources: CatalogResource[]): Promise<Map<string, CatalogResourceVersion>> {
    if (resources.length === 0) return new Map();
    const versions = await this.em.find(CatalogResourceVersion, {
      $or: resources.map((r) => ({ resourceId: r.id, version: r.publishedVersion ?? r.workingVersion })),
    });
    return new Map(versions.map((version) => [version.resourceId, version]));
  }
}

/** The declaration a version holds, as the API shows it and as a new version copies it. */
export function metadataOf(version: CatalogResourceVersion): ResourceMetadata {
  const { name, abstract, catalog, classification, sharingType, notShareableBasis, sharingMethods, openScope, updateFrequency, confidential, dataItems } = version;
  return { name, abstract, catalog, classification, sharingType, notShareableBasis: notShareableBasis ?? undefined, sharingMethods, openScope, updateFrequency, confidential, dataItems };
}

export function resourceView(resource: CatalogResource, version: CatalogResourceVersion, providerName?: string) {
  return {
    id: resource.id,
    identifier: resource.identifier,
    metadataIdentifier: version.metadataIdentifier,
    version: version.version,
    status: resource.status,
    providerDepartmentId: resource.providerDepartmentId,
    provider: providerName === undefined ? undefined : { id: resource.providerDepartmentId, name: providerName },
    ...metadataOf(version),
    createdAt: resource.createdAt.toISOString(),
    updatedAt: resource.updatedAt.toISOString(),
    publishedAt: resource.publishedAt?.toISOString(),
    retiredAt: resource.retiredAt?.toISOString(),
  };
}

/** What anyone may read: the public resource, with only its public data items. */
function publicView(resource: CatalogResource, version: CatalogResourceVersion, providerName?: string) {
  const view = resourceView(resource, version, providerName);
  return { ...view, dataItems: view.dataItems.filter((item) => item.openScope === 'public') };
}
