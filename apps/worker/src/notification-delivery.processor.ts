import { CreateRequestContext } from '@mikro-orm/decorators/legacy';
import { MikroORM } from '@mikro-orm/postgresql';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { NotificationDelivery } from '../../../libs/notifications/notification-delivery.service.js';
import { NOTIFICATION_QUEUE, type DeliverNotificationJob } from '../../../libs/notifications/notification-queue.js';

@Processor(NOTIFICATION_QUEUE, { concurrency: 5 })
export class NotificationDeliveryProcessor extends WorkerHost {
  private readonly logger = new Logger(NotificationDeliveryProcessor.name);

  constructor(
    private readonly orm: MikroORM,
    private readonly delivery: NotificationDelivery,
  ) {
    super();
  }

  @CreateRequestContext()
  async process(job: Job<DeliverNotificationJob>): Promise<string> {
    return this.delivery.deliver(job.data.notificationId);
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job<DeliverNotificationJob> | undefined, error: Error) {
    if (!job) return;
    this.logger.warn(`notification ${job.data.notificationId} attempt ${job.attemptsMade} failed: ${error.message}`);
    if (job.attemptsMade >= (job.opts.attempts ?? 1)) await this.delivery.markFailed(job.data.notificationId);
  }
}
