import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { completeTaskUpdate } from '../../workflows/lib/task-messages.js';
import { AccessPolicy } from '../auth/access-policy.js';
import type { Principal } from '../auth/principal.js';
import { Task } from '../database/entities/index.js';
import { formProblems } from '../domain/campaigns.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../domain/errors.js';
import { inspectAttachments, type UploadedFile } from './attachment-inspection.js';
import { CampaignService, type CampaignFilingRecord } from './campaign.service.js';

/**
 * A department files for one phase of a campaign: the form checked against the campaign's fields, the
 * attachments by their bytes (nothing is stored when any is refused), then the filing recorded and the
 * department's open campaign_filing task completed, which hands it to review (or files it).
 */
@Injectable()
export class SubmitCampaignFiling {
  private readonly logger = new Logger(SubmitCampaignFiling.name);

  constructor(
    private readonly em: EntityManager,
    private readonly campaigns: CampaignService,
    private readonly access: AccessPolicy,
    private readonly temporal: Client,
  ) {}

  async execute(
    principal: Principal,
    input: { campaignId: string; phaseKey: string; fields: Record<string, unknown>; files: UploadedFile[] },
  ): Promise<CampaignFilingRecord> {
    const campaign = await this.campaigns.campaign(input.campaignId);
    if (!campaign) throw new NotFoundError(`no campaign ${input.campaignId}`);
    if (!campaign.definition.phases.some((phase) => phase.key === input.phaseKey))
      throw new NotFoundError(`the campaign has no phase ${input.phaseKey}`);
    this.access.requireCampaignFiler(principal, campaign, 'filing for a campaign');
    const problems = formProblems(campaign.definition.form, input.fields);
    if (problems.length > 0) throw new InvalidInputError('the filing does not fit the campaign\'s form', problems);
    const attachments = inspectAttachments(input.files, campaign.definition.attachments);

    const task = await this.em.findOne(Task, {
      kind: 'campaign_filing',
      subjectType: 'campaign_phase',
      subjectId: CampaignService.phaseSubject(campaign.id, input.phaseKey),
      assigneeDepartmentId: principal.departmentId,
      status: 'open',
    });
    if (!task) {
      const latest = await this.campaigns.latestFiling(campaign.id, input.phaseKey, principal.departmentId);
      throw new ConflictError(
        latest?.status === 'accepted'
          ? 'the filing of this phase has been accepted'
          : latest?.status === 'submitted'
            ? 'the filing of this phase awaits review'
            : 'no filing of this phase is awaited from your department yet',
      );
    }
    const filing = await this.campaigns.recordFiling({
      campaignId: campaign.id,
      phaseKey: input.phaseKey,
      departmentId: principal.departmentId,
      fields: input.fields,
      attachments,
      submittedBy: principal.id,
    });
    try {
      await this.temporal.workflow
        .getHandle(task.workflowId)
        .executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, outcome: 'submit', payload: { filingId: filing.id }, completedBy: principal.id }] });
    } catch (error) {
      // The task was completed a moment ago by hand with this round's filing, or the campaign closed: the filing stands.
      this.logger.warn(`campaign_filing task ${task.id} not completed: ${String(error)}`);
    }
    return (await this.campaigns.filing(filing.id))!;
  }
}
