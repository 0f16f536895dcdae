import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AccessPolicy } from '../../../../libs/auth/access-policy.js';
import type { Principal } from '../../../../libs/auth/principal.js';
import type { User } from '../../../../libs/database/entities/index.js';
import { DEPARTMENT_LEVELS, ROLES } from '../../../../libs/domain/roles.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { openApiSchema, paginationSchema, ZodPipe } from '../common/zod.js';
import { DirectoryService } from './directory.service.js';

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
  ) {}

  @Post('departments')
  @ApiBody({ schema: openApiSchema(departmentSchema) })
  async createDepartment(@CurrentUser() user: Principal, @Body(new ZodPipe(departmentSchema)) body: z.infer<typeof departmentSchema>) {
    this.access.requireAnyRole(user, ['admin'], 'creating a department');
    const { id, code, name, level, parentId } = await this.directory.createDepartment(body);
    return { id, code, name, level, parentId };
  }

  @Get('departments')
  departments(@Query(new ZodPipe(paginationSchema)) page: z.infer<typeof paginationSchema>) {
    return this.directory.departments(page);
  }

  @Post('users')
  @ApiBody({ schema: openApiSchema(userSchema) })
  async createUser(@CurrentUser() user: Principal, @Body(new ZodPipe(userSchema)) body: z.infer<typeof userSchema>) {
    this.access.requireAnyRole(user, ['admin'], 'creating a user');
    return userView(await this.directory.createUser(body, user));
  }

  /** Disabling a user ends their sessions at once: their tokens are refused from the next request. */
  @Post('users/:id/disable')
  @HttpCode(200)
  async disableUser(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    this.access.requireAnyRole(user, ['admin'], 'disabling a user');
    return userView(await this.directory.setActive(user, id, false));
  }

  @Post('users/:id/enable')
  @HttpCode(200)
  async enableUser(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    this.access.requireAnyRole(user, ['admin'], 'enabling a user');
    return userView(await this.directory.setActive(user, id, true));
  }

  /** Changing a user's roles ends their sessions: a token never carries more than the account now holds. */
  @Put('users/:id/roles')
  @ApiBody({ schema: openApiSchema(rolesSchema) })
  async changeRoles(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Body(new ZodPipe(rolesSchema)) body: z.infer<typeof rolesSchema>) {
    this.access.requireAnyRole(user, ['admin'], 'changing a user’s roles');
    return userView(await this.directory.setRoles(user, id, body.roles));
  }

  @Post('users/:id/password')
  @HttpCode(200)
  @ApiBody({ schema: openApiSchema(passwordResetSchema) })
  async resetPassword(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodPipe(passwordResetSchema)) body: z.infer<typeof passwordResetSchema>,
  ) {
    this.access.requireAnyRole(user, ['admin'], 'resetting a user’s password');
    return userView(await this.directory.resetPassword(user, id, body.password));
  }

  @Get('users')
  users(@CurrentUser() user: Principal, @Query(new ZodPipe(userListSchema)) query: z.infer<typeof userListSchema>) {
    this.access.requireAnyRole(user, ['admin'], 'listing users');
    const { departmentId, ...page } = query;
    return this.directory.users(page, departmentId);
  }
}

function userView({ id, username, displayName, email, departmentId, roles, active }: User) {
  return { id, username, displayName, email, departmentId, roles, active };
}
