import { EntityManager } from '@mikro-orm/postgresql';
import { Body, Controller, Get, HttpCode, Post, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { verifyPassword } from '../../../../libs/auth/passwords.js';
import type { Principal } from '../../../../libs/auth/principal.js';
import { User } from '../../../../libs/database/entities/index.js';
import { Problems, Responds } from '../common/contract.js';
import { ZodPipe } from '../common/zod.js';
import { loginResultSchema, principalSchema, principalView } from '../admin/directory-views.js';
import { CurrentUser, Public } from './auth.decorators.js';
import { toPrincipal } from './jwt-auth.guard.js';

const loginSchema = z.object({ username: z.string().min(1), password: z.string().min(1) });

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly em: EntityManager,
    private readonly jwt: JwtService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @Responds(loginResultSchema)
  @Problems(401)
  async login(@Body(new ZodPipe(loginSchema)) body: z.infer<typeof loginSchema>) {
    const user = await this.em.findOne(User, { username: body.username, active: true });
    if (!user || !(await verifyPassword(user.passwordHash, body.password))) {
      throw new UnauthorizedException('wrong username or password');
    }
    const principal = toPrincipal(user);
    return { accessToken: await this.jwt.signAsync({ sub: user.id }), user: principalView(principal) };
  }

  @ApiBearerAuth()
  @Get('me')
  @Responds(principalSchema)
  me(@CurrentUser() principal: Principal) {
    return principalView(principal);
  }
}
