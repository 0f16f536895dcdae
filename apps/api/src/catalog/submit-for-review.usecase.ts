import { Inject, Injectable } from '@nestjs/common';
import { Client, WithStartWorkflowOperation, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { AccessPolicy } from '../../../../libs/auth/access-policy.js';
import type { Principal } from '../../../../libs/auth/principal.js';
import { CatalogService } from '../../../../libs/catalog/catalog.service.js';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/app-config.js';
import { ConflictError } from '../../../../libs/domain/errors.js';
import { workflowIds } from '../../../../libs/temporal/workflow-ids.js';
import { catalogReviewWorkflow, submitForReviewUpdate } from '../../../../workflows/catalog-review.workflow.js';

/**
 * Sends the resource's pending version to review: starts its review workflow, or hands a
 * resubmission to the one already waiting, in one Update-with-Start. Returns once the version is in review.
 */
@Injectable()
export class SubmitForReview {
  constructor(
    private readonly catalog: CatalogService,
    private readonly access: AccessPolicy,
    private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(principal: Principal, resourceId: string) {
    const subject = await this.catalog.submittable(resourceId);
    this.access.requireDepartmentMember(principal, subject.providerDepartmentId, 'submitting a resource');
    const start = new WithStartWorkflowOperation(catalogReviewWorkflow, {
      workflowId: workflowIds.catalogReview(resourceId, subject.version),
      taskQueue: this.config.temporal.taskQueue,
      args: [subject],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    try {
      return await this.temporal.workflow.executeUpdateWithStart(submitForReviewUpdate, {
        args: [{ submittedBy: principal.id }],
        startWorkflowOperation: start,
      });
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
        throw new ConflictError(error.cause.message);
      }
      throw error;
    }
  }
}
