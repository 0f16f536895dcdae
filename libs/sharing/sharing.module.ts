import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { TasksModule } from '../tasks/tasks.module.js';
import { TemporalClientModule } from '../temporal/temporal-client.module.js';
import { AgreementService } from './agreement.service.js';
import { EndOnwardGrants } from './end-onward-grants.usecase.js';
import { SharingService } from './sharing.service.js';

@Module({
  imports: [NotificationsModule, TasksModule, TemporalClientModule],
  providers: [SharingService, AgreementService, EndOnwardGrants],
  exports: [SharingService, AgreementService, EndOnwardGrants],
})
export class SharingModule {}
