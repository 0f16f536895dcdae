import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../auth/access-policy.js';
import type { Principal } from '../auth/principal.js';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '../domain/errors.js';

export interface NewTheme {
  name: string;
  description: string;
  leadDepartmentId: string;
  expectedItems: string[];
}

interface ThemeRow {
  id: string;
  name: string;
  description: string;
  lead_department_id: string;
  lead_department_name: string;
  expected_items: string[];
  created_at: Date;
}

interface MemberRow {
  resource_id: string;
  identifier: string;
  name: string;
  provider_department_id: string;
  provider_name: string;
  status: 'proposed' | 'accepted' | 'refused';
  data_items: { name: string }[];
  last_updated_at: Date | null;
  open_lapse: boolean;
}

const pgArray = (items: readonly string[]) => `{${items.map((item) => `"${item.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

/**
 * Theme libraries (主题资源库, seed 003 二(二)): the info office defines a theme and its lead department; the
 * info office or the lead department adds published resources of any department; a provider proposes one of
 * its own and the lead department accepts or refuses it. A theme shows its coverage: which expected items its
 * accepted resources hold, by whom, and how fresh they are by the update-compliance records.
 */
@Injectable()
export class ThemeLibrary {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessPolicy,
  ) {}

  async define(principal: Principal, theme: NewTheme) {
    this.access.requireThemeOrganiser(principal, 'defining a theme library');
    const [lead] = await this.em.execute('select id from department where id = ?', [theme.leadDepartmentId]);
    if (!lead) throw new RuleViolationError(`no department ${theme.leadDepartmentId} to lead the theme`);
    const id = randomUUID();
    try {
      await this.em.execute(
        `insert into theme (id, name, description, lead_department_id, expected_items, created_by, created_at) values (?, ?, ?, ?, ?::text[], ?, now())`,
        [id, theme.name, theme.description, theme.leadDepartmentId, pgArray(theme.expectedItems), principal.id],
      );
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw new ConflictError(`a theme named ${theme.name} exists`);
      throw error;
    }
    return this.view(id);
  }

  async list() {
    const rows = await this.em.execute<(ThemeRow & { accepted: number; proposed: number })[]>(
      `select t.*, d.name as lead_department_name,
              (select count(*)::int from theme_resource m where m.theme_id = t.id and m.status = 'accepted') as accepted,
              (select count(*)::int from theme_resource m where m.theme_id = t.id and m.status = 'proposed') as proposed
         from theme t join department d on d.id = t.lead_department_id order by t.name`,
    );
    return rows.map((row) => ({ ...themeHead(row), accepted: row.accepted, proposed: row.proposed }));
  }

  /**
   * Adds a published resource to the theme. The info office and the lead department add it outright; its
   * provider proposes it, for the lead department to decide.
   */
  async add(principal: Principal, themeId: string, resourceId: string) {
    const theme = await this.theme(themeId);
    const [resource] = await this.em.execute<{ provider_department_id: string; status: string }[]>(
      'select provider_department_id, status from catalog_resource where id = ?',
      [resourceId],
    );
    if (!resource) throw new NotFoundError(`no catalog resource ${resourceId}`);
    if (resource.status !== 'published') throw new RuleViolationError('only a published resource belongs in a theme library');
    const decides = this.access.canCurateTheme(principal, { leadDepartmentId: theme.lead_department_id });
    if (!decides && !this.access.canActForDepartment(principal, resource.provider_department_id))
      throw new ForbiddenError("a resource is added to a theme by the info office or the theme's lead department, or proposed by its provider");
    const [existing] = await this.em.execute<{ status: string }[]>('select status from theme_resource where theme_id = ? and resource_id = ?', [themeId, resourceId]);
    if (existing && existing.status !== 'refused') throw new ConflictError(`the resource is already ${existing.status} in this theme`);
    await this.em.execute(
      `insert into theme_resource (theme_id, resource_id, status, proposed_by, proposed_at, decided_by, decided_at)
       values (?, ?, ?, ?, now(), ?, ?)
       on conflict (theme_id, resource_id) do update set status = excluded.status, proposed_by = excluded.proposed_by,
         proposed_at = excluded.proposed_at, decided_by = excluded.decided_by, decided_at = excluded.decided_at`,
      [themeId, resourceId, decides ? 'accepted' : 'proposed', principal.id, decides ? principal.id : null, decides ? new Date().toISOString() : null],
    );
    return this.view(themeId);
  }

  /** The lead department accepts or refuses a provider's proposal. */
  async decide(principal: Principal, themeId: string, resourceId: string, outcome: 'accept' | 'refuse') {
    const theme = await this.theme(themeId);
    if (!this.access.canActForDepartment(principal, theme.lead_department_id))
      throw new ForbiddenError("a proposal is decided by the theme's lead department");
    const updated = await this.em.execute<{ resource_id: string }[]>(
      `update theme_resource set status = ?, decided_by = ?, decided_at = now() where theme_id = ? and resource_id = ? and status = 'proposed' returning resource_id`,
      [outcome === 'accept' ? 'accepted' : 'refused', principal.id, themeId, resourceId],
    );
    if (updated.length === 0) throw new ConflictError('no proposal of this resource awaits a decision in this theme');
    return this.view(themeId);
  }

  /** The theme with its resources, its proposals and its coverage of the expected items. */
  async view(themeId: string) {
    const theme = await this.theme(themeId);
    const members = await this.em.execute<MemberRow[]>(
      `select m.resource_id, c.identifier, v.name, c.provider_department_id, d.name as provider_name, m.status, v.data_items,
              (select max(u.recorded_at) from resource_update u where u.resource_id = c.id) as last_updated_at,
              exists (select 1 from update_lapse l where l.resource_id = c.id and l.resolved_at is null) as open_lapse
         from theme_resource m
         join catalog_resource c on c.id = m.resource_id
         join catalog_resource_version v on v.resource_id = c.id and v.version = c.published_version
         join department d on d.id = c.provider_department_id
        where m.theme_id = ? and m.status <> 'refused' and c.status = 'published'
        order by d.name, v.name`,
      [themeId],
    );
    const resource = (row: MemberRow) => ({
      resourceId: row.resource_id,
      identifier: row.identifier,
      name: row.name,
      providerDepartmentId: row.provider_department_id,
      providerName: row.provider_name,
      lastUpdatedAt: row.last_updated_at ? new Date(row.last_updated_at).toISOString() : null,
      updateOverdue: row.open_lapse,
    });
    const accepted = members.filter((row) => row.status === 'accepted');
    const coverage = theme.expected_items.map((item) => {
      const providers = accepted.filter((row) => row.data_items.some((dataItem) => dataItem.name === item));
      return { item, provided: providers.length > 0, by: providers.map((row) => ({ resourceId: row.resource_id, providerName: row.provider_name, updateOverdue: row.open_lapse })) };
    });
    return {
      ...themeHead(theme),
      resources: accepted.map(resource),
      proposals: members.filter((row) => row.status === 'proposed').map(resource),
      coverage: { expected: coverage.length, provided: coverage.filter((entry) => entry.provided).length, items: coverage },
    };
  }

  private async theme(themeId: string): Promise<ThemeRow> {
    const [row] = await this.em.execute<ThemeRow[]>(
      'select t.*, d.name as lead_department_name from theme t join department d on d.id = t.lead_department_id where t.id = ?',
      [themeId],
    );
    if (!row) throw new NotFoundError(`no theme ${themeId}`);
    return row;
  }
}

function themeHead(row: ThemeRow) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    leadDepartmentId: row.lead_department_id,
    leadDepartmentName: row.lead_department_name,
    expectedItems: row.expected_items,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
