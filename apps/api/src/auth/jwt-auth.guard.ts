import { EntityManager } from '@mikro-orm/postgresql';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Principal } from '../../../../libs/auth/principal.js';
import { parseTokenClaims, type TokenClaims } from '../../../../libs/auth/token-claims.js';
import { User } from '../../../../libs/database/entities/index.js';
import { UnauthenticatedError } from '../../../../libs/domain/errors.js';
import { IS_PUBLIC } from './auth.decorators.js';
import { requestToken, type TokenSourceRequest } from './browser-session.js';

/**
 * Global guard: every route needs a valid token (Bearer, or the browser session's cookie) of an active user unless
 * marked @Public(). A token is valid when its signature, expiry and claims check out and its token version is the
 * account's current one.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly em: EntityManager,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<TokenSourceRequest & { principal?: Principal }>();
    const claims = await this.verifiedClaims(requestToken(request));
    request.principal = toPrincipal(await this.currentUser(claims));
    return true;
  }

  /** The token's claims once its signature and expiry verify and their types are ours; else 401. */
  private async verifiedClaims(token: string): Promise<TokenClaims> {
    let payload: unknown;
    try {
      payload = await this.jwt.verifyAsync(token, { algorithms: ['HS256'] });
    } catch {
      throw new UnauthenticatedError('the token is invalid or expired');
    }
    const claims = parseTokenClaims(payload);
    if (!claims) throw new UnauthenticatedError('the token is invalid or expired');
    return claims;
  }

  /** The active account the token was issued to, provided the token is of its current version (not ended since). */
  private async currentUser(claims: TokenClaims): Promise<User> {
    const user = await this.em.findOne(User, { id: claims.sub, active: true });
    if (!user) throw new UnauthenticatedError('the account no longer exists or is disabled');
    if (user.tokenVersion !== claims.ver) throw new UnauthenticatedError('the session has ended: log in again');
    return user;
  }
}

export function toPrincipal(user: User): Principal {
  const { id, username, displayName, departmentId, roles } = user;
  return { id, username, displayName, departmentId, roles };
}
