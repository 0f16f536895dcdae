import { EntityManager } from '@mikro-orm/postgresql';
import { type CanActivate, type ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Principal } from '../../../../libs/auth/principal.js';
import { User } from '../../../../libs/database/entities/index.js';
import { IS_PUBLIC } from './auth.decorators.js';
import { requestToken, type TokenSourceRequest } from './browser-session.js';

/** Global guard: every route needs a valid token (Bearer or browser session) of an active user unless marked @Public(). */
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
    const token = requestToken(request);
    let subject: string;
    try {
      subject = (await this.jwt.verifyAsync<{ sub: string }>(token)).sub;
    } catch {
      throw new UnauthorizedException('the token is invalid or expired');
    }
    const user = await this.em.findOne(User, { id: subject, active: true });
    if (!user) throw new UnauthorizedException('the account no longer exists or is disabled');
    request.principal = toPrincipal(user);
    return true;
  }
}

export function toPrincipal(user: User): Principal {
  const { id, username, displayName, departmentId, roles } = user;
  return { id, username, displayName, departmentId, roles };
}
