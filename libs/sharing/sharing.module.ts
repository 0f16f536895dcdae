import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { SharingService } from './sharing.service.js';

@Module({ imports: [NotificationsModule], providers: [SharingService], exports: [SharingService] })
export class SharingModule {}
