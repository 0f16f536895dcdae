import { EntityManager } from '@mikro-orm/postgresql';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AccessPolicy } from '../../../../libs/auth/access-policy.js';
import type { Principal } from '../../../../libs/auth/principal.js';
import { Task } from '../../../../libs/database/entities/index.js';
import { NotFoundError } from '../../../../libs/domain/errors.js';
import { ROLES } from '../../../../libs/domain/roles.js';
import { TASK_KIND_NAMES } from '../../../../libs/domain/task-kinds.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { page, Problems, Responds } from '../common/contract.js';
import { processStateSchema } from '../common/view-schemas.js';
import { paginationSchema, ZodPipe } from '../common/zod.js';
import { CompleteTask } from './complete-task.usecase.js';
import { ReassignTask } from './reassign-task.usecase.js';
import { taskViews, taskViewSchema } from './task-views.js';

const inboxSchema = paginationSchema.extend({
  status: z.enum(['open', 'done']).default('open'),
  kind: z.enum(TASK_KIND_NAMES).optional(),
  overdue: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
});

const reassignSchema = z
  .object({ assigneeRole: z.enum(ROLES).optional(), assigneeDepartmentId: z.uuid().optional() })
  .refine((body) => body.assigneeRole || body.assigneeDepartmentId, 'give assigneeRole, assigneeDepartmentId or both');

const completionSchema = z.object({
  outcome: z.string().min(1).max(64),
  comment: z.string().max(5000).optional(),
  payload: z.record(z.string(), z.unknown()).optional(),
});

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessPolicy,
    private readonly completeTask: CompleteTask,
    private readonly reassignTask: ReassignTask,
  ) {}

  /** The caller's inbox, soonest due first. `done` lists tasks of the caller's roles that were completed. */
  @Get()
  @Responds(page(taskViewSchema))
  async inbox(@CurrentUser() user: Principal, @Query(new ZodPipe(inboxSchema)) query: z.infer<typeof inboxSchema>) {
    const where = {
      ...this.access.inboxFilter(user),
      status: query.status === 'open' ? 'open' : { $in: ['done', 'expired', 'cancelled'] },
      ...(query.kind ? { kind: query.kind } : {}),
      ...(query.overdue === undefined ? {} : { overdueAt: query.overdue ? { $ne: null } : null }),
    };
    const [tasks, total] = await this.em.findAndCount(Task, where as object, {
      orderBy: { dueAt: 'asc', id: 'asc' },
      limit: query.limit,
      offset: query.offset,
    });
    return { items: await taskViews(this.em, tasks), total };
  }

  @Get(':id')
  @Responds(taskViewSchema)
  async get(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    const task = await this.em.findOne(Task, { id });
    if (!task || !this.access.canSeeTask(user, task)) throw new NotFoundError(`no task ${id}`);
    return (await taskViews(this.em, [task]))[0];
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Responds(processStateSchema)
  @Problems(403, 409, 422)
  complete(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodPipe(completionSchema)) body: z.infer<typeof completionSchema>,
  ) {
    return this.completeTask.execute(user, id, body);
  }

  @Post(':id/reassign')
  @HttpCode(200)
  @Responds(taskViewSchema)
  @Problems(403, 409, 422)
  async reassign(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodPipe(reassignSchema)) body: z.infer<typeof reassignSchema>,
  ) {
    return (await taskViews(this.em, [await this.reassignTask.execute(user, id, body)]))[0];
  }
}
