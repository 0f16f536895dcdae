import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CampaignService } from '../../../../libs/campaigns/campaign.service.js';
import { CompletionChecks } from '../../../../libs/tasks/completion-checks.js';

/**
 * A campaign_filing task is done by submitting the filing; by hand only with the round's submitted filing.
 * A campaign_review task decides a filing still awaiting review.
 */
@Injectable()
export class CampaignCompletionChecks implements OnModuleInit {
  constructor(
    private readonly checks: CompletionChecks,
    private readonly campaigns: CampaignService,
  ) {}

  onModuleInit() {
    this.checks.register('campaign_filing', async (task, completion) => {
      const [campaignId, phaseKey] = task.subjectId.split('/') as [string, string];
      const latest = task.assigneeDepartmentId ? await this.campaigns.latestFiling(campaignId, phaseKey, task.assigneeDepartmentId) : null;
      if (latest && latest.status === 'submitted' && latest.id === completion.payload?.['filingId']) return undefined;
      return `payload.filingId must be the department's submitted filing of this round: POST /campaigns/${campaignId}/phases/${phaseKey}/filings submits it and completes this task`;
    });
    this.checks.register('campaign_review', async (task) => {
      const filing = await this.campaigns.filing(task.subjectId);
      return filing?.status === 'submitted' ? undefined : `the filing is ${filing?.status ?? 'missing'}, not awaiting review`;
    });
  }
}
