import { EntityManager } from '@mikro-orm/postgresql';
import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Client, WithStartWorkflowOperation } from '@temporalio/client';
import { z } from 'zod';
import { AccessPolicy } from '../../../../libs/auth/access-policy.js';
import type { Principal } from '../../../../libs/auth/principal.js';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/app-config.js';
import { SharingGrant, SharingRequest, Task } from '../../../../libs/database/entities/index.js';
import { SHARING_METHODS } from '../../../../libs/domain/catalog.js';
import { PURPOSES, SHARING_STATUSES } from '../../../../libs/domain/sharing.js';
import { SharingService } from '../../../../libs/sharing/sharing.service.js';
import { workflowIds } from '../../../../libs/temporal/workflow-ids.js';
import {
  applicationReceivedUpdate,
  renewGrantUpdate,
  reportNonDeliveryUpdate,
  resumeGrantUpdate,
  revokeGrantUpdate,
  sharingRequestWorkflow,
  suspendGrantUpdate,
  withdrawUpdate,
} from '../../../../workflows/sharing-request.workflow.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { visibleRequest } from './visible-request.js';
import { sendWorkflowUpdate } from '../common/workflow-updates.js';
import { named, page, Problems, Responds } from '../common/contract.js';
import { processStateSchema } from '../common/view-schemas.js';
import { paginationSchema, requiredReasons, ZodPipe } from '../common/zod.js';
import { sharingApplicationResultSchema, sharingRequestDetail, sharingRequestDetailSchema, sharingRequestSummaries, sharingRequestSummarySchema } from './sharing-request-views.js';

const applicationSchema = z
  .object({
  resourceId: z.uuid().optional(),
  /** Onward sharing: the grant under which another department holds the data; its resource is meant. */
  sourceGrantId: z.uuid().optional(),
  dataItems: z.array(z.string().trim().min(1)).min(1).max(500),
  purpose: z.enum(PURPOSES),
  purposeDetail: z.string().trim().min(1).max(4000),
  scope: z.string().trim().min(1).max(2000),
  method: z.enum(SHARING_METHODS),
  validUntil: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((body) => body.resourceId || body.sourceGrantId, { message: 'resourceId (or, for onward sharing, sourceGrantId) is required', path: ['resourceId'] });
const listSchema = paginationSchema.extend({ status: z.enum(SHARING_STATUSES).optional(), role: z.enum(['requester', 'provider', 'intermediary']).optional() });
const withdrawSchema = z.object({ reason: z.string().trim().max(2000).optional() });
/** Reporting non-delivery, revoking and suspending a grant. */
const reasonsSchema = named('ReasonsBody', z.object({ reasons: requiredReasons }));
const renewalSchema = z.object({ validUntil: z.iso.datetime({ offset: true }), reasons: requiredReasons });
const resumeSchema = z.object({ comment: z.string().trim().max(4000).optional() });

@ApiTags('sharing requests')
@ApiBearerAuth()
@Controller('sharing-requests')
export class SharingRequestsController {
  constructor(
    private readonly em: EntityManager,
    private readonly sharing: SharingService,
    private readonly access: AccessPolicy,
    private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Applies for another department's data; answers once the workflow has taken its first step. */
  @Post()
  @Responds(sharingApplicationResultSchema)
  @Problems(403, 422)
  async apply(@CurrentUser() user: Principal, @Body(new ZodPipe(applicationSchema)) body: z.infer<typeof applicationSchema>) {
    this.access.requireDepartmentMember(user, user.departmentId, 'applying for data');
    const subject = await this.sharing.apply(user.departmentId, user.id, body, (sourceRequest) => this.access.canSeeSharingRequest(user, sourceRequest));
    const state = await this.temporal.workflow.executeUpdateWithStart(applicationReceivedUpdate, {
      args: [],
      startWorkflowOperation: new WithStartWorkflowOperation(sharingRequestWorkflow, {
        workflowId: workflowIds.sharingRequest(subject.requestId),
        taskQueue: this.config.temporal.taskQueue,
        args: [subject],
        workflowIdConflictPolicy: 'USE_EXISTING',
      }),
    });
    return { id: subject.requestId, status: state.status };
  }

  @Get()
  @Responds(page(sharingRequestSummarySchema))
  async list(@CurrentUser() user: Principal, @Query(new ZodPipe(listSchema)) query: z.infer<typeof listSchema>) {
    const mine = {
      requester: { requesterDepartmentId: user.departmentId },
      provider: { providerDepartmentId: user.departmentId },
      intermediary: { intermediaryDepartmentId: user.departmentId },
    };
    const scope = query.role
      ? mine[query.role]
      : this.access.isCityWide(user)
        ? {}
        : { $or: [mine.requester, mine.provider, mine.intermediary] };
    const [requests, total] = await this.em.findAndCount(SharingRequest, { ...scope, ...(query.status ? { status: query.status } : {}) }, {
      orderBy: { createdAt: 'desc' },
      limit: query.limit,
      offset: query.offset,
    });
    return { items: (await sharingRequestSummaries(this.em, requests)).items, total };
  }

  @Get(':id')
  @Responds(sharingRequestDetailSchema)
  async get(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    const request = await this.visible(user, id);
    const [tasks, timeline, grant] = await Promise.all([
      this.em.find(Task, { subjectType: 'sharing_request', subjectId: id, status: 'open' }, { orderBy: { dueAt: 'asc' } }),
      this.sharing.timeline(id),
      this.em.findOne(SharingGrant, { requestId: id }),
    ]);
    return sharingRequestDetail(this.em, request, { tasks, timeline, grant });
  }

  /** The requester withdraws: everything open ends. */
  @Post(':id/withdraw')
  @HttpCode(200)
  @Responds(processStateSchema)
  @Problems(403, 409, 422)
  async withdraw(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Body(new ZodPipe(withdrawSchema)) body: z.infer<typeof withdrawSchema>) {
    const request = await this.visible(user, id);
    this.access.requireDepartmentMember(user, request.requesterDepartmentId, 'withdrawing a request');
    return this.send(id, () => this.handle(id).executeUpdate(withdrawUpdate, { args: [{ by: user.id, reason: body.reason }] }));
  }

  /** The requester reports that the provider does not deliver what was granted: it goes to coordination. */
  @Post(':id/non-delivery')
  @HttpCode(200)
  @Responds(processStateSchema)
  @Problems(403, 409, 422)
  async reportNonDelivery(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Body(new ZodPipe(reasonsSchema)) body: z.infer<typeof reasonsSchema>) {
    const request = await this.visible(user, id);
    this.access.requireDepartmentMember(user, request.requesterDepartmentId, 'reporting non-delivery');
    return this.send(id, () => this.handle(id).executeUpdate(reportNonDeliveryUpdate, { args: [{ by: user.id, reasons: body.reasons }] }));
  }

  /** The provider or the info office revokes a grant, with reasons; the requester is told. */
  @Post(':id/revoke')
  @HttpCode(200)
  @Responds(processStateSchema)
  @Problems(403, 409, 422)
  async revoke(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Body(new ZodPipe(reasonsSchema)) body: z.infer<typeof reasonsSchema>) {
    await this.requireGrantAuthority(user, id, 'revoking a grant');
    return this.send(id, () => this.handle(id).executeUpdate(revokeGrantUpdate, { args: [{ by: user.id, reasons: body.reasons }] }));
  }

  /** The requester applies to extend its grant; the provider reviews it while the grant stays in force. */
  @Post(':id/renew')
  @HttpCode(200)
  @Responds(processStateSchema)
  @Problems(403, 409, 422)
  async renew(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Body(new ZodPipe(renewalSchema)) body: z.infer<typeof renewalSchema>) {
    const request = await this.visible(user, id);
    this.access.requireDepartmentMember(user, request.requesterDepartmentId, 'applying for renewal');
    const validUntil = new Date(body.validUntil).toISOString();
    return this.send(id, () => this.handle(id).executeUpdate(renewGrantUpdate, { args: [{ by: user.id, validUntil, reasons: body.reasons }] }));
  }

  /** The provider or the info office suspends a grant with reasons, until it is resumed; both sides are told. */
  @Post(':id/suspend')
  @HttpCode(200)
  @Responds(processStateSchema)
  @Problems(403, 409, 422)
  async suspend(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Body(new ZodPipe(reasonsSchema)) body: z.infer<typeof reasonsSchema>) {
    await this.requireGrantAuthority(user, id, 'suspending a grant');
    return this.send(id, () => this.handle(id).executeUpdate(suspendGrantUpdate, { args: [{ by: user.id, reasons: body.reasons }] }));
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Responds(processStateSchema)
  @Problems(403, 409, 422)
  async resume(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Body(new ZodPipe(resumeSchema)) body: z.infer<typeof resumeSchema>) {
    await this.requireGrantAuthority(user, id, 'resuming a grant');
    return this.send(id, () => this.handle(id).executeUpdate(resumeGrantUpdate, { args: [{ by: user.id, comment: body.comment }] }));
  }

  /** A grant is revoked, suspended or resumed by its provider department or by the info office. */
  private async requireGrantAuthority(user: Principal, id: string, action: string): Promise<void> {
    const request = await this.visible(user, id);
    if (!this.access.hasAnyRole(user, ['info_office'])) this.access.requireDepartmentMember(user, request.providerDepartmentId, action);
  }

  private handle(id: string) {
    return this.temporal.workflow.getHandle(workflowIds.sharingRequest(id));
  }

  private send<T>(id: string, update: () => Promise<T>): Promise<T> {
    return sendWorkflowUpdate(update, { ruleViolationType: 'InvalidCompletion', endedMessage: `request ${id} has ended` });
  }

  private visible(user: Principal, id: string): Promise<SharingRequest> {
    return visibleRequest(this.em, this.access, user, id);
  }
}
