import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { contactsCampaignWorkflow } from '../../workflows/contacts-campaign.workflow.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { defaultContactsDueAt } from '../domain/contacts.js';
import { ConflictError, RuleViolationError } from '../domain/errors.js';
import { workflowIds } from '../temporal/workflow-ids.js';
import { ContactsService } from './contacts.service.js';

export interface StartContactsCampaignInput {
  year: number;
  /** Defaults to the end of 30 March of the year, Beijing time (seed 000 六(二)1). */
  dueAt?: string;
  /** The info office member who opened it; none when a schedule does. */
  openedBy?: string | null;
}

/**
 * Opens the year's contacts campaign: every city department and district is asked to register its
 * responsible leader and contacts by the deadline. Once a year: a second start for the same year is a
 * conflict (409). Callable by the API and by the yearly schedule alike.
 */
@Injectable()
export class StartContactsCampaign {
  constructor(
    private readonly contacts: ContactsService,
    private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(
    input: StartContactsCampaignInput,
  ): Promise<{ year: number; dueAt: string; openedAt: string; workflowId: string }> {
    if (await this.contacts.campaign(input.year))
      throw new ConflictError(`the contacts campaign of ${input.year} has already been opened`);
    const dueAt = new Date(input.dueAt ?? defaultContactsDueAt(input.year));
    if (dueAt.getTime() <= Date.now()) {
      throw new RuleViolationError(
        `the deadline ${dueAt.toISOString()} has passed; give the campaign a dueAt still ahead`,
      );
    }
    const workflowId = workflowIds.contactsCampaign(this.config.temporal.taskQueue, input.year);
    // The workflow starts inside the campaign's transaction: a failed start leaves no campaign behind.
    const campaign = await this.contacts.openCampaign(input.year, dueAt, input.openedBy ?? null, async () => {
      await this.temporal.workflow.start(contactsCampaignWorkflow, {
        workflowId,
        taskQueue: this.config.temporal.taskQueue,
        args: [{ year: input.year, dueAt: dueAt.toISOString() }],
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
    });
    return {
      year: campaign.year,
      dueAt: campaign.dueAt.toISOString(),
      openedAt: campaign.openedAt.toISOString(),
      workflowId,
    };
  }
}
