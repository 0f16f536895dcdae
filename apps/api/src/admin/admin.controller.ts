import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AccessPolicy } from '../../../../libs/auth/access-policy.js';
import type { Principal } from '../../../../libs/auth/principal.js';
import type { User } from '../../../../libs/database/entities/index.js';
import { DEPARTMENT_LEVELS, ROLES } from '../../../../libs/domain/roles.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { page, Problems, Responds } from '../common/contract.js';
import { paginationSchema, ZodPipe } from '../common/zod.js';
import { departmentViews, departmentViewSchema, userViews, userViewSchema } from './directory-views.js';
import { DirectoryService } from './directory.service.js';
import { EntityManager } from '@mikro-orm/postgresql';

const departmentSchema = z.object({
  code: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(200),
  level: z.enum(DEPARTMENT_LEVELS),
  parentId: z.uuid().optional(),
});

const userSchema = z.object({
  username: z.string().trim().min(3).max(64).regex(/^[a-zA-Z0-9._-]+$/, 'letters, digits, dot, dash, underscore'),
  password: z.string().min(8).max(200),
  displayName: z.string().trim().min(1).max(100),
  email: z.email().optional(),
  departmentId: z.uuid(),
  roles: z.array(z.enum(ROLES)).min(1),
});

const rolesSchema = z.object({ roles: z.array(z.enum(ROLES)).min(1) });
const passwordResetSchema = z.object({ password: z.string().min(8).max(200) });

const userListSchema = paginationSchema.extend({ departmentId: z.uuid().optional() });

@ApiTags('administration')
@ApiBearerAuth()
@Controller()
export class AdminController {
  constructor(
    private readonly directory: DirectoryService,
    private readonly access: AccessPolicy,
    private readonly em: EntityManager,
  ) {}

  @Post('departments')
  @Responds(departmentViewSchema)
  @Problems(403, 409, 422)
  async createDepartment(@CurrentUser() user: Principal, @Body(new ZodPipe(departmentSchema)) body: z.infer<typeof departmentSchema>) {
    this.access.requireAnyRole(user, ['admin'], 'creating a department');
    return (await departmentViews(this.em, [await this.directory.createDepartment(body)]))[0]!;
  }

  @Get('departments')
  @Responds(page(departmentViewSchema))
  async departments(@Query(new ZodPipe(paginationSchema)) page: z.infer<typeof paginationSchema>) {
    const { items, total } = await this.directory.departments(page);
    return { items: await departmentViews(this.em, items), total };
  }

  @Post('users')
  @Responds(userViewSchema)
  @Problems(403, 409, 422)
  async createUser(@CurrentUser() user: Principal, @Body(new ZodPipe(userSchema)) body: z.infer<typeof userSchema>) {
    this.access.requireAnyRole(user, ['admin'], 'creating a user');
    return this.one(await this.directory.createUser(body, user));
  }

  /** Disabling a user ends their sessions at once: their tokens are refused from the next request. */
  @Post('users/:id/disable')
  @HttpCode(200)
  @Responds(userViewSchema)
  @Problems(403)
  async disableUser(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    this.access.requireAnyRole(user, ['admin'], 'disabling a user');
    return this.one(await this.directory.setActive(user, id, false));
  }

  @Post('users/:id/enable')
  @HttpCode(200)
  @Responds(userViewSchema)
  @Problems(403)
  async enableUser(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    this.access.requireAnyRole(user, ['admin'], 'enabling a user');
    return this.one(await this.directory.setActive(user, id, true));
  }

  /** Changing a user's roles ends their sessions: a token never carries more than the account now holds. */
  @Put('users/:id/roles')
  @Responds(userViewSchema)
  @Problems(403, 422)
  async changeRoles(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Body(new ZodPipe(rolesSchema)) body: z.infer<typeof rolesSchema>) {
    this.access.requireAnyRole(user, ['admin'], 'changing a user’s roles');
    return this.one(await this.directory.setRoles(user, id, body.roles));
  }

  @Post('users/:id/password')
  @HttpCode(200)
  @Responds(userViewSchema)
  @Problems(403, 422)
  async resetPassword(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodPipe(passwordResetSchema)) body: z.infer<typeof passwordResetSchema>,
  ) {
    this.access.requireAnyRole(user, ['admin'], 'resetting a user’s password');
    return this.one(await this.directory.resetPassword(user, id, body.password));
  }

  @Get('users')
  @Responds(page(userViewSchema))
  @Problems(403)
  async users(@CurrentUser() user: Principal, @Query(new ZodPipe(userListSchema)) query: z.infer<typeof userListSchema>) {
    this.access.requireAnyRole(user, ['admin'], 'listing users');
    const { departmentId, ...page } = query;
    const { items, total } = await this.directory.users(page, departmentId);
    return { items: await userViews(this.em, items), total };
  }

  private async one(user: User) {
    return (await userViews(this.em, [user]))[0]!;
  }
}
