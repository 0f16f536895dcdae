import { Body, Controller, Get, HttpCode, Inject, Ip, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Principal } from '../../../../libs/auth/principal.js';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/app-config.js';
import { DirectoryService } from '../admin/directory.service.js';
import { loginResultSchema, principalSchema, principalView } from '../admin/directory-views.js';
import { Problems, Responds, RespondsEmpty } from '../common/contract.js';
import { ZodPipe } from '../common/zod.js';
import { CurrentUser, Public } from './auth.decorators.js';
import { endBrowserSession, startBrowserSession } from './browser-session.js';
import { LogIn } from './log-in.usecase.js';

const loginSchema = z.object({ username: z.string().min(1).max(200), password: z.string().min(1).max(1024) });

const passwordChangeSchema = z.object({ currentPassword: z.string().min(1).max(1024), newPassword: z.string().min(8).max(200) });

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly logIn: LogIn,
    private readonly directory: DirectoryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Answers the token; a page's login also opens a browser session (cookies), API clients keep using the token. */
  @Public()
  @Post('login')
  @HttpCode(200)
  @Responds(loginResultSchema)
  @Problems(401, 429)
  async login(
    @Body(new ZodPipe(loginSchema)) body: z.infer<typeof loginSchema>,
    @Ip() address: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { accessToken, user } = await this.logIn.run({ ...body, address });
    startBrowserSession(response, accessToken, { secure: request.secure, ttlSeconds: this.config.auth.jwtTtlSeconds });
    return { accessToken, user: principalView(user) };
  }

  /** Ends the browser session (its cookies); answers 204 even when it had already expired. */
  @Public()
  @Post('logout')
  @HttpCode(204)
  @RespondsEmpty()
  logout(@Req() request: Request, @Res({ passthrough: true }) response: Response) {
    endBrowserSession(response, { secure: request.secure });
  }

  @ApiBearerAuth()
  @Get('me')
  @Responds(principalSchema)
  me(@CurrentUser() principal: Principal) {
    return principalView(principal);
  }

  /** Changing one's own password ends every other session of the account; the answer is the caller's new token. */
  @ApiBearerAuth()
  @Post('password')
  @HttpCode(200)
  @Responds(loginResultSchema)
  @Problems(403, 422)
  async changePassword(
    @CurrentUser() principal: Principal,
    @Body(new ZodPipe(passwordChangeSchema)) body: z.infer<typeof passwordChangeSchema>,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    await this.directory.changeOwnPassword(principal, body.currentPassword, body.newPassword);
    const { accessToken, user } = await this.logIn.issue(principal.id);
    startBrowserSession(response, accessToken, { secure: request.secure, ttlSeconds: this.config.auth.jwtTtlSeconds });
    return { accessToken, user: principalView(user) };
  }
}
