import type { Role } from '../domain/roles.js';

/** Who is acting: the authenticated user as every policy decision sees it. */
export interface Principal {
  id: string;
  username: string;
  displayName: string;
  departmentId: string;
  roles: Role[];
}
