import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { TasksModule } from '../tasks/tasks.module.js';
import { AgreementService } from './agreement.service.js';
import { SharingService } from './sharing.service.js';

@Module({ imports: [NotificationsModule, TasksModule], providers: [SharingService, AgreementService], exports: [SharingService, AgreementService] })
export class SharingModule {}
