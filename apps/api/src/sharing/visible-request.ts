import type { EntityManager } from '@mikro-orm/postgresql';
import type { AccessPolicy } from '../../../../libs/auth/access-policy.js';
import type { Principal } from '../../../../libs/auth/principal.js';
import { SharingRequest } from '../../../../libs/database/entities/index.js';
import { NotFoundError } from '../../../../libs/domain/errors.js';

/** The request, if the caller may see it; for anyone else it does not exist (404). */
export async function visibleRequest(em: EntityManager, access: AccessPolicy, user: Principal, id: string): Promise<SharingRequest> {
  const request = await em.findOne(SharingRequest, { id });
  if (!request || !access.canSeeSharingRequest(user, request)) throw new NotFoundError(`no sharing request ${id}`);
  return request;
}
