import { Module } from '@nestjs/common';
import { FilingsModule } from '../filings/filings.module.js';
import { TemporalClientModule } from '../temporal/temporal-client.module.js';
import { CampaignService } from './campaign.service.js';
import { StartCampaign } from './start-campaign.usecase.js';

@Module({
  imports: [FilingsModule, TemporalClientModule],
  providers: [CampaignService, StartCampaign],
  exports: [CampaignService, StartCampaign],
})
export class CampaignsModule {}
