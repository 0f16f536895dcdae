import { EntityManager } from '@mikro-orm/postgresql';
import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Client, WorkflowIdReusePolicy } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AccessPolicy } from '../../../../libs/auth/access-policy.js';
import type { Principal } from '../../../../libs/auth/principal.js';
import { parseDuration } from '../../../../libs/calendar/calendar.service.js';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/app-config.js';
import { Department, Task } from '../../../../libs/database/entities/index.js';
import { NotFoundError, RuleViolationError } from '../../../../libs/domain/errors.js';
import { isPolicyKey } from '../../../../libs/domain/policies.js';
import { workflowIds } from '../../../../libs/temporal/workflow-ids.js';
import { acknowledgementStateQuery, type AcknowledgementInput } from '../../../../workflows/acknowledgement.workflow.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { named, Problems, Responds } from '../common/contract.js';
import { id, namedRefSchema } from '../common/view-schemas.js';
import { loadDisplayNames } from '../../../../libs/directory/display-names.js';
import { ZodPipe } from '../common/zod.js';

const startSchema = z.object({
  departmentId: z.uuid(),
  title: z.string().trim().min(1).max(200),
  /** A policy key or a literal duration; defaults to the `acknowledgement.response` policy. */
  deadline: z.string().trim().min(1).max(64).default('acknowledgement.response'),
});

const acknowledgementStatus = z.enum(['awaiting_acknowledgement', 'acknowledged', 'declined', 'expired']);
const startedSchema = named('AcknowledgementStarted', z.object({ id, workflowId: z.string(), status: z.literal('awaiting_acknowledgement') }));
/** The acknowledgement's workflow state (AcknowledgementState) beside its department and task. */
const acknowledgementSchema = named(
  'Acknowledgement',
  z.object({
    id,
    departmentId: id.nullish(),
    department: namedRefSchema.optional(),
    taskId: id,
    status: acknowledgementStatus,
    by: id.optional(),
    comment: z.string().optional(),
    filingSeq: z.number().int().optional(),
  }),
);

/**
 * The platform's smoke test for a deployment: an administrator or the info office asks a
 * department to acknowledge a notice; the task, its deadline, notifications and filing follow.
 */
@ApiTags('acknowledgements')
@ApiBearerAuth()
@Controller('acknowledgements')
export class AcknowledgementsController {
  constructor(
    private readonly em: EntityManager,
    private readonly temporal: Client,
    private readonly access: AccessPolicy,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @Responds(startedSchema)
  @Problems(403, 422)
  async start(@CurrentUser() user: Principal, @Body(new ZodPipe(startSchema)) body: z.infer<typeof startSchema>) {
    this.access.requireAnyRole(user, ['admin', 'info_office'], 'requesting an acknowledgement');
    if (!(await this.em.findOne(Department, { id: body.departmentId }))) {
      throw new RuleViolationError('the department does not exist', [{ field: 'departmentId', message: 'unknown department' }]);
    }
    if (!isPolicyKey(body.deadline)) parseDuration(body.deadline, 'deadline');
    const input: AcknowledgementInput = { acknowledgementId: randomUUID(), ...body, requestedBy: user.id };
    const workflowId = workflowIds.acknowledgement(input.acknowledgementId);
    await this.temporal.workflow.start('acknowledgementWorkflow', {
      workflowId,
      taskQueue: this.config.temporal.taskQueue,
      args: [input],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
    return { id: input.acknowledgementId, workflowId, status: 'awaiting_acknowledgement' as const };
  }

  @Get(':id')
  @Responds(acknowledgementSchema)
  async get(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    const task = await this.em.findOne(Task, { subjectType: 'acknowledgement', subjectId: id });
    if (!task || !this.access.canSeeDepartment(user, task.assigneeDepartmentId)) throw new NotFoundError(`no acknowledgement ${id}`);
    const state = await this.temporal.workflow.getHandle(task.workflowId).query(acknowledgementStateQuery);
    const names = await loadDisplayNames(this.em, { departments: [task.assigneeDepartmentId] });
    return { id, departmentId: task.assigneeDepartmentId, department: names.department(task.assigneeDepartmentId), taskId: task.id, ...state };
  }
}
