export const ROLES = [
  'staff',
  'head',
  'info_office',
  'leadership_group',
  'statistics_bureau',
  'secrecy_bureau',
  'supervisor',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export const DEPARTMENT_LEVELS = ['city', 'district', 'street', 'community'] as const;
export type DepartmentLevel = (typeof DEPARTMENT_LEVELS)[number];

/** Roles whose holders see every department's records (the coordinating and supervising bodies). */
export const CITY_WIDE_ROLES: readonly Role[] = ['admin', 'info_office', 'supervisor'];

/** A department head may do whatever the department's staff may do. */
export function rolesSatisfying(role: Role): Role[] {
  return role === 'staff' ? ['staff', 'head'] : [role];
}
