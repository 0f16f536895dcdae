import { Module } from '@nestjs/common';
import { CalendarChangesModule } from '../../../libs/calendar-changes/calendar-changes.module.js';
import { AfterSharingModule } from '../../../libs/after-sharing/after-sharing.module.js';
import { AssessmentModule } from '../../../libs/assessment/assessment.module.js';
import { CatalogModule } from '../../../libs/catalog/catalog.module.js';
import { CollectionModule } from '../../../libs/collection/collection.module.js';
import { ContactsModule } from '../../../libs/contacts/contacts.module.js';
import { CampaignsModule } from '../../../libs/campaigns/campaigns.module.js';
import { ConfigModule } from '../../../libs/config/config.module.js';
import { DatabaseModule } from '../../../libs/database/database.module.js';
import { DatabaseRegistryModule } from '../../../libs/database-registry/database-registry.module.js';
import { FilingsModule } from '../../../libs/filings/filings.module.js';
import { MonthlyReportsModule } from '../../../libs/monthly-reports/monthly-reports.module.js';
import { BulletinsModule } from '../../../libs/bulletins/bulletins.module.js';
import { SharingModule } from '../../../libs/sharing/sharing.module.js';
import { QueueModule } from '../../../libs/queue/queue.module.js';
import { TasksModule } from '../../../libs/tasks/tasks.module.js';
import { UpdateComplianceModule } from '../../../libs/update-compliance/update-compliance.module.js';
import { NotificationDeliveryProcessor } from './notification-delivery.processor.js';
import { OutboxSweeper } from './outbox-sweeper.service.js';
import { TemporalWorkerService } from './temporal-worker.service.js';

@Module({
  imports: [
    ConfigModule,
    DatabaseModule,
    QueueModule,
    TasksModule,
    CalendarChangesModule,
    FilingsModule,
    CatalogModule,
    CollectionModule,
    SharingModule,
    DatabaseRegistryModule,
    AfterSharingModule,
    UpdateComplianceModule,
    MonthlyReportsModule,
    BulletinsModule,
    AssessmentModule,
    ContactsModule,
    CampaignsModule,
  ],
  providers: [TemporalWorkerService, NotificationDeliveryProcessor, OutboxSweeper],
})
export class WorkerModule {}
