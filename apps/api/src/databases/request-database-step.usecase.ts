import { Inject, Injectable } from '@nestjs/common';
import { Client, WithStartWorkflowOperation } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { AccessPolicy } from '../../../../libs/auth/access-policy.js';
import type { Principal } from '../../../../libs/auth/principal.js';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/app-config.js';
import type { GovernmentDatabase } from '../../../../libs/database/entities/index.js';
import { attributesOf, DatabaseRegistry } from '../../../../libs/database-registry/database-registry.service.js';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '../../../../libs/domain/errors.js';
import {
  attributesProblem,
  INVALID_STEP_REQUEST,
  stepConflict,
  stepRequestProblem,
  type DatabaseAttributes,
  type DatabaseStep,
} from '../../../../libs/domain/government-databases.js';
import { rolesSatisfying } from '../../../../libs/domain/roles.js';
import { workflowIds } from '../../../../libs/temporal/workflow-ids.js';
import {
  requestDatabaseStepUpdate,
  type governmentDatabaseWorkflow,
  type GovernmentDatabaseInput,
  type StepRequest,
} from '../../../../workflows/government-database.workflow.js';
import { sendWorkflowUpdate } from '../common/workflow-updates.js';

export interface DatabaseStepInput {
  step: DatabaseStep;
  changes?: Partial<DatabaseAttributes>;
  reason?: string;
}

/**
 * A department files its database (备案) or requests its next step (注册 again after a return, 运行,
 * 更新, 注销). Checks who may and what the rules allow, then hands the request to the database's
 * workflow as an Update; the workflow's validator is the last word on whether the step may start,
 * so two requests at once get one answer and one 409, and a refused request leaves nothing behind.
 */
@Injectable()
export class RequestDatabaseStep {
  constructor(
    private readonly registry: DatabaseRegistry,
    private readonly access: AccessPolicy,
    private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async file(principal: Principal, attributes: DatabaseAttributes): Promise<GovernmentDatabase> {
    this.access.requireAnyRole(principal, rolesSatisfying('staff'), 'filing a database');
    requireNoProblem(attributesProblem(attributes));
    await this.requireVisibleResources(principal, attributes.catalogResourceIds);
    const input: GovernmentDatabaseInput = { databaseId: randomUUID(), departmentId: principal.departmentId };
    const request: StepRequest = { step: 'register', requestedBy: principal.id, attributes };
    // Update-with-start on a deterministic id: the workflow starts once, and the filing is recorded before the answer.
    const startWorkflowOperation = new WithStartWorkflowOperation<typeof governmentDatabaseWorkflow>('governmentDatabaseWorkflow', {
      workflowId: workflowIds.governmentDatabase(input.databaseId),
      taskQueue: this.config.temporal.taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    await sendToWorkflow(() => this.temporal.workflow.executeUpdateWithStart(requestDatabaseStepUpdate, { args: [request], startWorkflowOperation }));
    return (await this.registry.find(input.databaseId))!;
  }

  /** Resources a database names must exist and be ones the filer may see: never an unknown id or another department's draft. */
  private async requireVisibleResources(principal: Principal, ids: string[] | undefined): Promise<void> {
    const named = [...new Set(ids ?? [])];
    const resources = await this.registry.catalogResources(named);
    const visible = new Set(resources.filter((resource) => this.access.canSeeCatalogResource(principal, resource)).map((resource) => resource.id));
    const unknown = named.filter((id) => !visible.has(id));
    if (unknown.length > 0) {
      const message = `no catalog resources ${unknown.join(', ')}`;
      throw new RuleViolationError(message, [{ field: 'catalogResourceIds', message }]);
    }
  }

  async request(principal: Principal, databaseId: string, input: DatabaseStepInput): Promise<GovernmentDatabase> {
    const database = await this.registry.find(databaseId);
    if (!database || !this.access.canSeeDepartment(principal, database.departmentId)) throw new NotFoundError(`no database ${databaseId}`);
    if (!this.access.canActForDepartment(principal, database.departmentId)) {
      throw new ForbiddenError('only the staff or head of the owning department may request a step');
    }
    await this.requireVisibleResources(principal, input.changes?.catalogResourceIds);
    const conflict = stepConflict(database.status, await this.registry.stepInReview(databaseId), input.step);
    if (conflict) throw new ConflictError(conflict);
    requireNoProblem(stepRequestProblem(input.step, input) ?? attributesProblem({ ...attributesOf(database), ...input.changes }));

    const request: StepRequest = { ...input, requestedBy: principal.id };
    await sendToWorkflow(() =>
      this.temporal.workflow.getHandle(workflowIds.governmentDatabase(databaseId)).executeUpdate(requestDatabaseStepUpdate, { args: [request] }),
    );
    return database;
  }
}

function requireNoProblem(problem: { field: string; message: string } | undefined): void {
  if (problem) throw new RuleViolationError(problem.message, [problem]);
}

function sendToWorkflow<T>(send: () => Promise<T>): Promise<T> {
  return sendWorkflowUpdate(send, { ruleViolationType: INVALID_STEP_REQUEST, endedMessage: 'the process of this database has ended' });
}
