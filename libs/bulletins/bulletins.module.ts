import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { SupervisionModule } from '../supervision/supervision.module.js';
import { TemporalClientModule } from '../temporal/temporal-client.module.js';
import { BulletinService } from './bulletin.service.js';
import { IssueBulletin } from './issue-bulletin.usecase.js';
import { LateObligations } from './late-obligations.query.js';

@Module({
  imports: [SupervisionModule, DocumentsModule, NotificationsModule, TemporalClientModule],
  providers: [BulletinService, LateObligations, IssueBulletin],
  exports: [BulletinService, IssueBulletin],
})
export class BulletinsModule {}
