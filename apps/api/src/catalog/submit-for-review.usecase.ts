import { Inject, Injectable } from '@nestjs/common';
import { Client, WithStartWorkflowOperation } from '@temporalio/client';
import { AccessPolicy } from '../../../../libs/auth/access-policy.js';
import type { Principal } from '../../../../libs/auth/principal.js';
import { CatalogService } from '../../../../libs/catalog/catalog.service.js';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/app-config.js';
import { workflowIds } from '../../../../libs/temporal/workflow-ids.js';
import { sendWorkflowUpdate } from '../common/workflow-updates.js';
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
    return sendWorkflowUpdate(
      () => this.temporal.workflow.executeUpdateWithStart(submitForReviewUpdate, { args: [{ submittedBy: principal.id }], startWorkflowOperation: start }),
      { ruleViolationType: 'InvalidCompletion', endedMessage: 'the review has ended' },
    );
  }
}
