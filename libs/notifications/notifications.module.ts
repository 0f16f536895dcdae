import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module.js';
import { Mailer } from './mailer.js';
import { NotificationDelivery } from './notification-delivery.service.js';
import { NotificationOutbox } from './notification-outbox.service.js';
import { NOTIFICATION_QUEUE } from './notification-queue.js';

@Module({
  imports: [BullModule.registerQueue({ name: NOTIFICATION_QUEUE }), DocumentsModule],
  providers: [NotificationOutbox, NotificationDelivery, Mailer],
  exports: [NotificationOutbox, NotificationDelivery, BullModule],
})
export class NotificationsModule {}
