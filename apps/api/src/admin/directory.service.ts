import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { hashPassword } from '../../../../libs/auth/passwords.js';
import { Department, User } from '../../../../libs/database/entities/index.js';
import { ConflictError, RuleViolationError } from '../../../../libs/domain/errors.js';
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
  constructor(private readonly em: EntityManager) {}

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

  async createUser(input: NewUser): Promise<User> {
    if (await this.em.findOne(User, { username: input.username })) {
      throw new ConflictError(`the username '${input.username}' is taken`);
    }
    if (!(await this.em.findOne(Department, { id: input.departmentId }))) {
      throw new RuleViolationError('the department does not exist', [{ field: 'departmentId', message: 'unknown department' }]);
    }
    const { password, ...fields } = input;
    const user = this.em.create(User, { ...fields, email: fields.email ?? null, passwordHash: await hashPassword(password) });
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
