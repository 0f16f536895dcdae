import { Module } from '@nestjs/common';
import { FilingsModule } from '../filings/filings.module.js';
import { TemporalClientModule } from '../temporal/temporal-client.module.js';
import { ContactsService } from './contacts.service.js';
import { StartContactsCampaign } from './start-contacts-campaign.usecase.js';

@Module({
  imports: [FilingsModule, TemporalClientModule],
  providers: [ContactsService, StartContactsCampaign],
  exports: [ContactsService, StartContactsCampaign],
})
export class ContactsModule {}
