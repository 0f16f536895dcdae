import type { CampaignService } from '../libs/campaigns/campaign.service.js';
import type { StartCampaign } from '../libs/campaigns/start-campaign.usecase.js';

export function campaignActivities(campaigns: CampaignService, startCampaign: StartCampaign) {
  return {
    /** The campaign's phases and the departments it asks. */
    campaignPlan: (campaignId: string) => campaigns.plan(campaignId),
    /** Records the review (or the campaign's own acceptance) and files an accepted filing. Idempotent. */
    reviewCampaignFiling: (filingId: string, decision: { outcome: 'accept' | 'return'; opinion: string | null; reviewedBy: string | null }) =>
      campaigns.review(filingId, decision),
    /** The yearly schedule's step: each configured preset for this year, unless opened already or its deadlines have passed. */
    openYearlyCampaignPresets: (presetKeys: string[]) => startCampaign.openYearlyPresets(presetKeys),
  };
}

export type CampaignActivities = ReturnType<typeof campaignActivities>;
