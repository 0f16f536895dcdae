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

/** Who keeps the working-day calendar and the policies: the info office, and administrators. */
export const CALENDAR_EDITORS: readonly Role[] = ['admin', 'info_office'];

/** A department head may do whatever the department's staff may do. */
export function rolesSatisfying(role: Role): Role[] {
  return role === 'staff' ? ['staff', 'head'] : [role];
}

/** How the platform names the holders of a role where no department is named (a city-wide task). */
export const ROLE_BODY_LABELS: Record<Role, string> = {
  staff: '部门经办人',
  head: '部门负责人',
  info_office: '市信息办',
  leadership_group: '市信息化工作领导小组',
  statistics_bureau: '市统计局',
  secrecy_bureau: '市保密局',
  supervisor: '考核工作组',
  admin: '平台运维',
};
