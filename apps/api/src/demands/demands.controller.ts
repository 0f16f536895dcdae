import { EntityManager } from '@mikro-orm/postgresql';
import { Body, Controller, Get, Inject, Injectable, Param, ParseUUIDPipe, Post, Query, type OnModuleInit } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import { z } from 'zod';
import { AccessPolicy } from '../../../../libs/auth/access-policy.js';
import type { Principal } from '../../../../libs/auth/principal.js';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/app-config.js';
import { DataDemand, Task } from '../../../../libs/database/entities/index.js';
import { DemandService } from '../../../../libs/demands/demand.service.js';
import { UPDATE_FREQUENCIES } from '../../../../libs/domain/catalog.js';
import { NotFoundError } from '../../../../libs/domain/errors.js';
import { CompletionChecks } from '../../../../libs/tasks/completion-checks.js';
import { workflowIds } from '../../../../libs/temporal/workflow-ids.js';
import { dataDemandWorkflow } from '../../../../workflows/data-demand.workflow.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { page, Problems, Responds } from '../common/contract.js';
import { paginationSchema, ZodPipe } from '../common/zod.js';
import { taskViews } from '../tasks/task-views.js';
import { demandDetailSchema, demandViews, demandViewSchema } from './demand-views.js';

const demandSchema = z.object({
  dataName: z.string().trim().min(1).max(200),
  expectedProviderDepartmentId: z.uuid(),
  content: z.string().trim().min(1).max(4000),
  purpose: z.string().trim().min(1).max(2000),
  updateFrequency: z.enum(UPDATE_FREQUENCIES),
});
const listSchema = paginationSchema.extend({ status: z.enum(['open', 'answered']).optional() });

/** An `exists` answer must name a published resource of the answering department. */
@Injectable()
export class DemandAnswerCheck implements OnModuleInit {
  constructor(
    private readonly checks: CompletionChecks,
    private readonly demands: DemandService,
  ) {}

  onModuleInit() {
    this.checks.register('demand_response', async (task, completion) =>
      completion.outcome === 'exists' ? this.demands.existingResourceProblem(task.assigneeDepartmentId!, completion.payload?.resourceId) : undefined,
    );
  }
}

@ApiTags('demands')
@ApiBearerAuth()
@Controller('demands')
export class DemandsController {
  constructor(
    private readonly em: EntityManager,
    private readonly demands: DemandService,
    private readonly access: AccessPolicy,
    private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Registers a data demand (数据需求调研表); the expected provider gets a task to answer it. */
  @Post()
  @Responds(demandViewSchema)
  @Problems(403, 422)
  async register(@CurrentUser() user: Principal, @Body(new ZodPipe(demandSchema)) body: z.infer<typeof demandSchema>) {
    this.access.requireDepartmentMember(user, user.departmentId, 'registering a data demand');
    const demand = await this.demands.register(user.departmentId, user.id, body);
    await this.temporal.workflow.start(dataDemandWorkflow, {
      workflowId: workflowIds.dataDemand(demand.id),
      taskQueue: this.config.temporal.taskQueue,
      args: [
        {
          demandId: demand.id,
          dataName: demand.dataName,
          requesterDepartmentId: demand.requesterDepartmentId,
          expectedProviderDepartmentId: demand.expectedProviderDepartmentId,
        },
      ],
    });
    return (await demandViews(this.em, [demand]))[0]!;
  }

  @Get()
  @Responds(page(demandViewSchema))
  async list(@CurrentUser() user: Principal, @Query(new ZodPipe(listSchema)) query: z.infer<typeof listSchema>) {
    const { items, total } = await this.demands.visible(user, query);
    return { items: await demandViews(this.em, items), total };
  }

  @Get(':id')
  @Responds(demandDetailSchema)
  async get(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    const demand = await this.em.findOne(DataDemand, { id });
    const concerned = demand && [demand.requesterDepartmentId, demand.expectedProviderDepartmentId].includes(user.departmentId);
    if (!demand || !(concerned || this.access.isCityWide(user))) throw new NotFoundError(`no demand ${id}`);
    const tasks = await this.em.find(Task, { subjectType: 'data_demand', subjectId: id, status: 'open' });
    return { ...(await demandViews(this.em, [demand]))[0]!, openTasks: await taskViews(this.em, tasks) };
  }
}
