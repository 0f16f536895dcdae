import { EntityManager } from '@mikro-orm/postgresql';
import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { verifyPassword } from '../../../../libs/auth/passwords.js';
import type { Principal } from '../../../../libs/auth/principal.js';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/app-config.js';
import { User } from '../../../../libs/database/entities/index.js';
import { openApiSchema, ZodPipe } from '../common/zod.js';
import { CurrentUser, Public } from './auth.decorators.js';
import { endBrowserSession, startBrowserSession } from './browser-session.js';
import { toPrincipal } from './jwt-auth.guard.js';

const loginSchema = z.object({ username: z.string().min(1), password: z.string().min(1) });

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly em: EntityManager,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiBody({ schema: openApiSchema(loginSchema) })
  async login(
    @Body(new ZodPipe(loginSchema)) body: z.infer<typeof loginSchema>,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const user = await this.em.findOne(User, { username: body.username, active: true });
    if (!user || !(await verifyPassword(user.passwordHash, body.password))) {
      throw new UnauthorizedException('wrong username or password');
    }
    const principal = toPrincipal(user);
    const accessToken = await this.jwt.signAsync({ sub: user.id });
    // A page's login also opens a browser session (cookies); API clients keep using the token.
    startBrowserSession(response, accessToken, { secure: request.secure, ttlSeconds: this.config.auth.jwtTtlSeconds });
    return { accessToken, user: principal };
  }

  /** Ends the browser session (its cookies); answers 204 even when it had already expired. */
  @Public()
  @Post('logout')
  @HttpCode(204)
  logout(@Req() request: Request, @Res({ passthrough: true }) response: Response) {
    endBrowserSession(response, { secure: request.secure });
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentUser() principal: Principal) {
    return principal;
  }
}
