import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Principal } from '../../../../libs/auth/principal.js';
import { DirectoryService } from '../admin/directory.service.js';
import { loginResultSchema, principalSchema, principalView } from '../admin/directory-views.js';
import { Problems, Responds } from '../common/contract.js';
import { ZodPipe } from '../common/zod.js';
import { CurrentUser, Public } from './auth.decorators.js';
import { LogIn } from './log-in.usecase.js';

const loginSchema = z.object({ username: z.string().min(1).max(200), password: z.string().min(1).max(1024) });

const passwordChangeSchema = z.object({ currentPassword: z.string().min(1).max(1024), newPassword: z.string().min(8).max(200) });

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly logIn: LogIn,
    private readonly directory: DirectoryService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @Responds(loginResultSchema)
  @Problems(401, 429)
  async login(@Body(new ZodPipe(loginSchema)) body: z.infer<typeof loginSchema>, @Ip() address: string) {
    const { accessToken, user } = await this.logIn.run({ ...body, address });
    return { accessToken, user: principalView(user) };
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
  async changePassword(@CurrentUser() principal: Principal, @Body(new ZodPipe(passwordChangeSchema)) body: z.infer<typeof passwordChangeSchema>) {
    await this.directory.changeOwnPassword(principal, body.currentPassword, body.newPassword);
    const { accessToken, user } = await this.logIn.issue(principal.id);
    return { accessToken, user: principalView(user) };
  }
}
