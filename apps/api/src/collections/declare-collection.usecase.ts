import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { AccessPolicy } from '../../../../libs/auth/access-policy.js';
import type { Principal } from '../../../../libs/auth/principal.js';
import { CollectionQueries } from '../../../../libs/collection/collection-queries.js';
import { CollectionService } from '../../../../libs/collection/collection.service.js';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/app-config.js';
import type { CollectionDeclaration } from '../../../../libs/domain/collection.js';
import { workflowIds } from '../../../../libs/temporal/workflow-ids.js';
import { collectionRegistrationWorkflow } from '../../../../workflows/collection-registration.workflow.js';

/**
 * A department declares a planned collection: the registration is written, then its review
 * workflow is started under the registration's id (starting it again finds the one running).
 */
@Injectable()
export class DeclareCollection {
  constructor(
    private readonly collections: CollectionService,
    private readonly queries: CollectionQueries,
    private readonly access: AccessPolicy,
    private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(principal: Principal, declaration: CollectionDeclaration) {
    this.access.requireDepartmentMember(principal, principal.departmentId, 'declaring a collection');
    const subject = await this.collections.declare(principal.departmentId, principal.id, declaration);
    // Read before the workflow starts: the answer is the registration as submitted.
    const view = await this.queries.registration(principal, subject.registrationId);
    await this.temporal.workflow.start(collectionRegistrationWorkflow, {
      workflowId: workflowIds.collectionRegistration(subject.registrationId),
      taskQueue: this.config.temporal.taskQueue,
      args: [subject],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    return view;
  }
}
