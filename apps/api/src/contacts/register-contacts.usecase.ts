import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { AccessPolicy } from '../../../../libs/auth/access-policy.js';
import type { Principal } from '../../../../libs/auth/principal.js';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/app-config.js';
import { ContactsService } from '../../../../libs/contacts/contacts.service.js';
import { Task } from '../../../../libs/database/entities/index.js';
import type { DepartmentContacts } from '../../../../libs/domain/contacts.js';
import { ConflictError, NotFoundError } from '../../../../libs/domain/errors.js';
import { workflowIds } from '../../../../libs/temporal/workflow-ids.js';
import { contactsRegisteredSignal } from '../../../../workflows/contacts-campaign.workflow.js';
import { completeTaskUpdate } from '../../../../workflows/lib/task-messages.js';
import { sendWorkflowUpdate } from '../common/workflow-updates.js';

/**
 * A department registers its contacts (its staff or head): they replace the ones in force, the registration is
 * filed with the info office, and the department's open task of the year's campaign is completed.
 */
@Injectable()
export class RegisterContacts {
  private readonly logger = new Logger(RegisterContacts.name);

  constructor(
    private readonly em: EntityManager,
    private readonly contacts: ContactsService,
    private readonly access: AccessPolicy,
    private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(principal: Principal, departmentId: string, contacts: DepartmentContacts) {
    if (!(await this.contacts.department(departmentId)))
      throw new NotFoundError(`no department ${departmentId}`);
    this.access.requireDepartmentMember(principal, departmentId, 'registering contacts');
    const registration = await this.contacts.register(departmentId, principal.id, contacts);
    const task = await this.em.findOne(Task, {
      kind: 'contacts_registration',
      subjectType: 'contacts_campaign',
      subjectId: String(registration.year),
      assigneeDepartmentId: departmentId,
      status: 'open',
    });
    if (task) await this.completeCampaignTask(task, registration.id, principal.id);
    else if (await this.contacts.campaign(registration.year))
      await this.tellCampaign(registration.year, departmentId);
    return registration;
  }

  /** No open task: the campaign may be opening it right now, so it is told not to ask this department. */
  private async tellCampaign(year: number, departmentId: string): Promise<void> {
    try {
      await this.temporal.workflow
        .getHandle(workflowIds.contactsCampaign(this.config.temporal.taskQueue, year))
        .signal(contactsRegisteredSignal, { departmentId });
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
  }

  private async completeCampaignTask(task: Task, registrationId: string, completedBy: string): Promise<void> {
    try {
      await sendWorkflowUpdate(
        () =>
          this.temporal.workflow
            .getHandle(task.workflowId)
            .executeUpdate(completeTaskUpdate, {
              args: [{ taskId: task.id, outcome: 'register', payload: { registrationId }, completedBy }],
            }),
        { ruleViolationType: 'InvalidCompletion', endedMessage: 'the contacts campaign has ended' },
      );
    } catch (error) {
      // Completed a moment ago by a registration made at the same time, or the campaign closed: the registration stands.
      if (!(error instanceof ConflictError)) throw error;
      this.logger.log(`contacts task ${task.id} not completed: ${error.message}`);
    }
  }
}
