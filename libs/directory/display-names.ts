import type { EntityManager } from '@mikro-orm/postgresql';
import { CatalogResource, CatalogResourceVersion, Department, User } from '../database/entities/index.js';

/** A department, user or resource as a view names it: its id and what people call it. */
export interface NamedRef {
  id: string;
  name: string;
}

type Ids = Iterable<string | null | undefined>;

/** The display names a list of views needs, looked up once for the whole list. */
export class DisplayNames {
  constructor(
    private readonly departments: Map<string, string>,
    private readonly users: Map<string, string>,
    private readonly resources: Map<string, string>,
  ) {}

  department(id: string | null | undefined): NamedRef | undefined {
    return ref(id, this.departments);
  }

  user(id: string | null | undefined): NamedRef | undefined {
    return ref(id, this.users);
  }

  resource(id: string | null | undefined): NamedRef | undefined {
    return ref(id, this.resources);
  }
}

function ref(id: string | null | undefined, names: Map<string, string>): NamedRef | undefined {
  if (!id) return undefined;
  const name = names.get(id);
  return name === undefined ? undefined : { id, name };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const distinct = (ids: Ids | undefined) => [...new Set([...(ids ?? [])].filter((id): id is string => !!id && UUID.test(id)))];

/**
 * Loads the names of every department, user and resource given, set-based: one query per kind of thing (two for
 * resources, whose name is in the version the catalog shows: the published one, else the newest).
 */
export async function loadDisplayNames(em: EntityManager, ids: { departments?: Ids; users?: Ids; resources?: Ids }): Promise<DisplayNames> {
  const [departmentIds, userIds, resourceIds] = [distinct(ids.departments), distinct(ids.users), distinct(ids.resources)];
  const [departments, users, resources] = await Promise.all([
    departmentIds.length ? em.find(Department, { id: { $in: departmentIds } }) : [],
    userIds.length ? em.find(User, { id: { $in: userIds } }) : [],
    resourceIds.length ? em.find(CatalogResource, { id: { $in: resourceIds } }) : [],
  ]);
  const shown = resources.map((resource) => ({ resourceId: resource.id, version: resource.publishedVersion ?? resource.workingVersion }));
  const versions = shown.length ? await em.find(CatalogResourceVersion, { $or: shown }) : [];
  return new DisplayNames(
    new Map(departments.map((department) => [department.id, department.name])),
    new Map(users.map((user) => [user.id, user.displayName])),
    new Map(versions.map((version) => [version.resourceId, version.name])),
  );
}
