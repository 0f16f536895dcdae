import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import type { Principal } from '../../../../libs/auth/principal.js';
import type { Department, User } from '../../../../libs/database/entities/index.js';
import { type DisplayNames, loadDisplayNames } from '../../../../libs/directory/display-names.js';
import { DEPARTMENT_LEVELS, ROLES } from '../../../../libs/domain/roles.js';
import { named } from '../common/contract.js';
import { id, namedRefSchema, time } from '../common/view-schemas.js';

export const principalSchema = named(
  'Principal',
  z.object({ id, username: z.string(), displayName: z.string(), departmentId: id, roles: z.array(z.enum(ROLES)) }),
);

export const loginResultSchema = named('LoginResult', z.object({ accessToken: z.string(), user: principalSchema }));

export const departmentViewSchema = named(
  'DepartmentView',
  z.object({
    id,
    code: z.string(),
    name: z.string(),
    level: z.enum(DEPARTMENT_LEVELS),
    parentId: id.nullish(),
    parent: namedRefSchema.optional(),
    createdAt: time.optional(),
  }),
);

export const userViewSchema = named(
  'UserView',
  z.object({
    id,
    username: z.string(),
    displayName: z.string(),
    email: z.string().nullish(),
    departmentId: id,
    department: namedRefSchema.optional(),
    roles: z.array(z.enum(ROLES)),
    active: z.boolean().optional(),
    createdAt: time.optional(),
  }),
);

export function principalView({ id, username, displayName, departmentId, roles }: Principal) {
  return { id, username, displayName, departmentId, roles } satisfies z.infer<typeof principalSchema>;
}

function departmentView(department: Department, names: DisplayNames) {
  const { id, code, name, level, parentId, createdAt } = department;
  return { id, code, name, level, parentId, parent: names.department(parentId), createdAt } satisfies z.infer<typeof departmentViewSchema>;
}

function userView(user: User, names: DisplayNames) {
  const { id, username, displayName, email, departmentId, roles, active, createdAt } = user;
  return { id, username, displayName, email, departmentId, department: names.department(departmentId), roles, active, createdAt } satisfies z.infer<
    typeof userViewSchema
  >;
}

export async function departmentViews(em: EntityManager, departments: Department[]) {
  const names = await loadDisplayNames(em, { departments: departments.map((d) => d.parentId) });
  return departments.map((department) => departmentView(department, names));
}

export async function userViews(em: EntityManager, users: User[]) {
  const names = await loadDisplayNames(em, { departments: users.map((u) => u.departmentId) });
  return users.map((user) => userView(user, names));
}
