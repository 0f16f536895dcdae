import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../../../libs/audit/audit-log.service.js';
import { hashPassword, verifyPassword } from '../../../../libs/auth/passwords.js';
import type { Principal } from '../../../../libs/auth/principal.js';
import { Department, User } from '../../../../libs/database/entities/index.js';
import type { AuditAction } from '../../../../libs/domain/audit.js';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '../../../../libs/domain/errors.js';
import { DEPARTMENT_LEVELS, type DepartmentLevel, type Role } from '../../../../libs/domain/roles.js';
import type { Page } from '../common/zod.js';

export interface NewDepartment {
  code: string;
  name: string;
  level: DepartmentLevel;
  parentId?: string;
}

export interface NewUser {
  username: string;
  password: string;
  displayName: string;
  email?: string;
  departmentId: string;
  roles: Role[];
}

/** Departments and accounts, as administrators maintain them. */
@Injectable()
export class DirectoryService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditLog,
  ) {}

  async createDepartment(input: NewDepartment): Promise<Department> {
    if (await this.em.findOne(Department, { code: input.code })) {
      throw new ConflictError(`a department with code '${input.code}' exists`);
    }
    if (input.parentId) {
      const parent = await this.em.findOne(Department, { id: input.parentId });
      if (!parent) throw new RuleViolationError('the parent department does not exist', [{ field: 'parentId', message: 'unknown department' }]);
      if (DEPARTMENT_LEVELS.indexOf(parent.level) >= DEPARTMENT_LEVELS.indexOf(input.level)) {
        throw new RuleViolationError(`a ${input.level} unit cannot sit under a ${parent.level} unit`, [
          { field: 'level', message: 'must be below the parent level' },
        ]);
      }
    } else if (input.level !== 'city') {
      throw new RuleViolationError(`a ${input.level} unit needs a parent`, [{ field: 'parentId', message: 'required below city level' }]);
    }
    const department = this.em.create(Department, { ...input, parentId: input.parentId ?? null });
    await this.em.flush();
    return department;
  }

  async departments(page: { limit: number; offset: number }): Promise<Page<Department>> {
    const [items, total] = await this.em.findAndCount(Department, {}, { orderBy: { code: 'asc' }, ...page });
    return { items, total };
  }

  async createUser(input: NewUser, actor?: Principal): Promise<User> {
    if (await this.em.findOne(User, { username: input.username })) {
      throw new ConflictError(`the username '${input.username}' is taken`);
    }
    if (!(await this.em.findOne(Department, { id: input.departmentId }))) {
      throw new RuleViolationError('the department does not exist', [{ field: 'departmentId', message: 'unknown department' }]);
    }
    const { password, ...fields } = input;
    const user = this.em.create(User, { ...fields, email: fields.email ?? null, passwordHash: await hashPassword(password) });
    this.audit.add(this.em, auditOfUser('user_created', user, actor, { roles: user.roles, departmentId: user.departmentId }));
    await this.em.flush();
    return user;
  }

  /** Disabling ends every session of the account at once; enabling lets it log in again (with no old token). */
  async setActive(actor: Principal, userId: string, active: boolean): Promise<User> {
    const user = await this.userToChange(userId);
    if (!active && user.id === actor.id) throw new RuleViolationError('an administrator cannot disable their own account');
    if (user.active === active) return user;
    user.active = active;
    return this.endSessions(user, auditOfUser(active ? 'user_enabled' : 'user_disabled', user, actor));
  }

  async setRoles(actor: Principal, userId: string, roles: Role[]): Promise<User> {
    const user = await this.userToChange(userId);
    const previous = user.roles;
    user.roles = [...new Set(roles)];
    return this.endSessions(user, auditOfUser('user_roles_changed', user, actor, { from: previous, to: user.roles }));
  }

  async resetPassword(actor: Principal, userId: string, password: string): Promise<User> {
    const user = await this.userToChange(userId);
    user.passwordHash = await hashPassword(password);
    return this.endSessions(user, auditOfUser('user_password_reset', user, actor));
  }

  async changeOwnPassword(actor: Principal, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.userToChange(actor.id);
    if (!(await verifyPassword(user.passwordHash, currentPassword))) throw new ForbiddenError('the current password is wrong');
    user.passwordHash = await hashPassword(newPassword);
    await this.endSessions(user, auditOfUser('password_changed', user, actor));
  }

  private async userToChange(userId: string): Promise<User> {
    const user = await this.em.findOne(User, { id: userId });
    if (!user) throw new NotFoundError('no such user');
    return user;
  }

  /** Bumps the token version, so every token issued so far stops working, and audits the change with it. */
  private async endSessions(user: User, entry: Parameters<AuditLog['add']>[1]): Promise<User> {
    user.tokenVersion += 1;
    this.audit.add(this.em, entry);
    await this.em.flush();
    return user;
  }

  async users(page: { limit: number; offset: number }, departmentId?: string): Promise<Page<User>> {
    const [items, total] = await this.em.findAndCount(User, departmentId ? { departmentId } : {}, {
      orderBy: { username: 'asc' },
      ...page,
    });
    return { items, total };
  }
}

function auditOfUser(action: AuditAction, user: User, actor: Principal | undefined, details: Record<string, unknown> = {}) {
  return { action, actorId: actor?.id ?? null, username: user.username, subjectType: 'user', subjectId: user.id, details };
}
