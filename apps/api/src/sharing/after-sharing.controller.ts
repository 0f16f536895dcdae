import { EntityManager } from '@mikro-orm/postgresql';
import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import { z } from 'zod';
import { AfterSharingService } from '../../../../libs/after-sharing/after-sharing.service.js';
import { AccessPolicy } from '../../../../libs/auth/access-policy.js';
import type { Principal } from '../../../../libs/auth/principal.js';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/app-config.js';
import { SharingRequest } from '../../../../libs/database/entities/index.js';
import { workflowIds } from '../../../../libs/temporal/workflow-ids.js';
import { dataObjectionWorkflow } from '../../../../workflows/data-objection.workflow.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { visibleRequest } from './visible-request.js';
import { Problems, Responds } from '../common/contract.js';
import { ZodPipe } from '../common/zod.js';
import { feedbackPageSchema, feedbackViews, feedbackViewSchema, objectionPageSchema, objectionViews, objectionViewSchema } from './after-sharing-views.js';

const objectionSchema = z.object({
  items: z.array(z.string().trim().min(1)).min(1).max(500),
  description: z.string().trim().min(1).max(4000),
});
const feedbackSchema = z.object({
  rating: z.number().int().min(1).max(5),
  effect: z.string().trim().min(1).max(4000),
  problems: z.string().trim().max(4000).optional(),
});

/** After sharing (seed 001 §三(四)): objections to the data's correctness and effect feedback on a granted request. */
@ApiTags('sharing requests')
@ApiBearerAuth()
@Controller('sharing-requests')
export class AfterSharingController {
  constructor(
    private readonly em: EntityManager,
    private readonly afterSharing: AfterSharingService,
    private readonly access: AccessPolicy,
    private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The requester objects to the correctness of granted items; the provider gets a verification task. */
  @Post(':id/objections')
  @Responds(objectionViewSchema)
  @Problems(403, 409, 422)
  async raiseObjection(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Body(new ZodPipe(objectionSchema)) body: z.infer<typeof objectionSchema>) {
    const request = await this.visible(user, id);
    this.access.requireDepartmentMember(user, request.requesterDepartmentId, 'objecting to shared data');
    const subject = await this.afterSharing.raiseObjection(request, user.id, body);
    await this.temporal.workflow.start(dataObjectionWorkflow, {
      workflowId: workflowIds.dataObjection(subject.objectionId),
      taskQueue: this.config.temporal.taskQueue,
      args: [subject],
    });
    const [objection] = (await this.afterSharing.objections(id)).filter((o) => o.id === subject.objectionId);
    return (await objectionViews(this.em, [objection!]))[0]!;
  }

  @Get(':id/objections')
  @Responds(objectionPageSchema)
  async objections(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    await this.visible(user, id);
    const items = await this.afterSharing.objections(id);
    return { items: await objectionViews(this.em, items), total: items.length };
  }

  /** The requester tells the provider how the shared data served (共享效果反馈); it is filed. */
  @Post(':id/feedback')
  @Responds(feedbackViewSchema)
  @Problems(403, 409, 422)
  async giveFeedback(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Body(new ZodPipe(feedbackSchema)) body: z.infer<typeof feedbackSchema>) {
    const request = await this.visible(user, id);
    this.access.requireDepartmentMember(user, request.requesterDepartmentId, 'giving feedback on shared data');
    return (await feedbackViews(this.em, [await this.afterSharing.giveFeedback(request, user.id, body)]))[0]!;
  }

  @Get(':id/feedback')
  @Responds(feedbackPageSchema)
  async feedback(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    await this.visible(user, id);
    const items = await this.afterSharing.feedback(id);
    return { items: await feedbackViews(this.em, items), total: items.length };
  }

  private visible(user: Principal, id: string): Promise<SharingRequest> {
    return visibleRequest(this.em, this.access, user, id);
  }
}
