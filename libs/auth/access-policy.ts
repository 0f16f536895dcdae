import { Injectable } from '@nestjs/common';
import type { CatalogResource, Filing, Task } from '../database/entities/index.js';
import { ForbiddenError } from '../domain/errors.js';
import { CITY_WIDE_ROLES, rolesSatisfying, type Role } from '../domain/roles.js';
import { concernedDepartments } from '../domain/sharing.js';
import { TASK_KINDS } from '../domain/task-kinds.js';
import type { Principal } from './principal.js';

const FILING_READERS: readonly Role[] = ['admin', 'info_office', 'secrecy_bureau', 'supervisor'];
const CAMPAIGN_ORGANISERS: readonly Role[] = ['admin', 'info_office'];

/** The one place that decides who may see and do what. Routes and use cases ask it; none decides alone. */
@Injectable()
export class AccessPolicy {
  hasAnyRole(principal: Principal, roles: readonly Role[]): boolean {
    return principal.roles.some((role) => roles.includes(role));
  }

  requireAnyRole(principal: Principal, roles: readonly Role[], action: string): void {
    if (!this.hasAnyRole(principal, roles)) {
      throw new ForbiddenError(`${action} requires one of the roles: ${roles.join(', ')}`);
    }
  }

  isCityWide(principal: Principal): boolean {
    return this.hasAnyRole(principal, CITY_WIDE_ROLES);
  }

  canSeeDepartment(principal: Principal, departmentId: string | null | undefined): boolean {
    return this.isCityWide(principal) || departmentId == null || departmentId === principal.departmentId;
  }

  /** Acting for a department (as requester or provider): its staff or head. */
  requireDepartmentMember(principal: Principal, departmentId: string, action: string): void {
    if (!this.canActForDepartment(principal, departmentId)) {
      throw new ForbiddenError(`${action} is for the staff or head of the department concerned`);
    }
  }

  /** The department's own staff or head: who files and changes the department's records. */
  canActForDepartment(principal: Principal, departmentId: string): boolean {
    return principal.departmentId === departmentId && this.hasAnyRole(principal, rolesSatisfying('staff'));
  }

  /** A list's visibility: every department's records for the city-wide roles, else the caller's department's. */
  departmentScope(principal: Principal): { departmentId?: string } {
    return this.isCityWide(principal) ? {} : { departmentId: principal.departmentId };
  }

  canActOnTask(principal: Principal, task: Pick<Task, 'assigneeRole' | 'assigneeDepartmentId'>): boolean {
    const roleFits = this.hasAnyRole(principal, rolesSatisfying(task.assigneeRole));
    return roleFits && (task.assigneeDepartmentId == null || task.assigneeDepartmentId === principal.departmentId);
  }

  canSeeTask(principal: Principal, task: Pick<Task, 'assigneeRole' | 'assigneeDepartmentId'>): boolean {
    return this.canActOnTask(principal, task) || this.isCityWide(principal);
  }

  /** The tasks a person is asked to do: a role they hold, in their department or in none. */
  inboxFilter(principal: Principal) {
    const actingRoles = principal.roles.includes('head') ? [...principal.roles, 'staff' as const] : principal.roles;
    return {
      assigneeRole: { $in: actingRoles },
      $or: [{ assigneeDepartmentId: null }, { assigneeDepartmentId: principal.departmentId }],
    };
  }

  /** A catalog resource is seen by everyone once published (or retired); its drafts by its department and the city-wide roles. */
  canSeeCatalogResource(principal: Principal, resource: Pick<CatalogResource, 'status' | 'providerDepartmentId'>): boolean {
    return resource.status === 'published' || resource.status === 'retired' || this.canSeeCatalogDrafts(principal, resource);
  }

  canSeeCatalogDrafts(principal: Principal, resource: Pick<CatalogResource, 'providerDepartmentId'>): boolean {
    return this.isCityWide(principal) || resource.providerDepartmentId === principal.departmentId;
  }

  /** Collection registrations are seen by their reviewers and the city-wide roles, and each by its declaring department. */
  seesAllCollections(principal: Principal): boolean {
    return this.isCityWide(principal) || this.hasAnyRole(principal, TASK_KINDS.collection_review.assigneeRoles);
  }

  canSeeCollection(principal: Principal, registration: { departmentId: string }): boolean {
    return this.seesAllCollections(principal) || registration.departmentId === principal.departmentId;
  }

  /** A sharing request is seen by the departments it concerns (requester, provider, a source grant's holder) and the city-wide roles. */
  canSeeSharingRequest(principal: Principal, request: Parameters<typeof concernedDepartments>[0]): boolean {
    return this.isCityWide(principal) || concernedDepartments(request).includes(principal.departmentId);
  }

  filingFilter(principal: Principal) {
    return this.hasAnyRole(principal, FILING_READERS) ? {} : { departmentIds: { $overlap: [principal.departmentId] } };
  }

  canSeeFiling(principal: Principal, filing: Pick<Filing, 'departmentIds'>): boolean {
    return this.hasAnyRole(principal, FILING_READERS) || filing.departmentIds.includes(principal.departmentId);
  }

  /** Defining and opening filing campaigns: the info office. */
  requireCampaignOrganiser(principal: Principal, action: string): void {
    this.requireAnyRole(principal, CAMPAIGN_ORGANISERS, action);
  }

  /** Defining theme libraries, and adding any department's resource to one: the info office. */
  requireThemeOrganiser(principal: Principal, action: string): void {
    this.requireAnyRole(principal, CAMPAIGN_ORGANISERS, action);
  }

  /**
   * Adding a resource to a theme outright: the info office or the theme's lead department. Its provider may
   * only propose it.
   */
  canCurateTheme(principal: Principal, theme: { leadDepartmentId: string }): boolean {
    return this.hasAnyRole(principal, CAMPAIGN_ORGANISERS) || this.canActForDepartment(principal, theme.leadDepartmentId);
  }

  /** A campaign's roll and every department's filings: the info office and the assessment group. */
  requireCampaignOverseer(principal: Principal, action: string): void {
    this.requireAnyRole(principal, CITY_WIDE_ROLES, action);
  }

  /** Files for a campaign: the staff or head of a department the campaign asks. */
  requireCampaignFiler(principal: Principal, campaign: { departmentIds: string[] }, action: string): void {
    if (!campaign.departmentIds.includes(principal.departmentId))
      throw new ForbiddenError(`${action}: the campaign does not ask your department to file`);
    this.requireDepartmentMember(principal, principal.departmentId, action);
  }

  /** A campaign filing and its attachments (downloads included): its department, and the city-wide roles. */
  canSeeCampaignFiling(principal: Principal, filing: { departmentId: string }): boolean {
    return this.isCityWide(principal) || filing.departmentId === principal.departmentId;
  }
}
