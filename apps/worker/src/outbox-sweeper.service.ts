import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../libs/config/app-config.js';
import { NotificationDelivery } from '../../../libs/notifications/notification-delivery.service.js';
import { NotificationOutbox } from '../../../libs/notifications/notification-outbox.service.js';

/**
 * Re-dispatches outbox rows that were committed but never queued (a process died in between).
 * Safe to run in every worker replica: the job id is the notification id, so a row queued twice is delivered once.
 */
@Injectable()
export class OutboxSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxSweeper.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly delivery: NotificationDelivery,
    private readonly outbox: NotificationOutbox,
  ) {}

  onApplicationBootstrap() {
    const every = this.config.outbox.sweepSeconds * 1000;
    this.timer = setInterval(() => void this.sweep(), every);
    void this.sweep();
  }

  onApplicationShutdown() {
    clearInterval(this.timer);
  }

  async sweep(): Promise<void> {
    try {
      const ids = await this.delivery.undispatched(this.config.outbox.sweepSeconds);
      if (ids.length > 0) {
        await this.outbox.dispatch(ids);
        this.logger.log(`re-dispatched ${ids.length} undelivered notifications`);
      }
    } catch (error) {
      this.logger.error(`outbox sweep failed: ${String(error)}`);
    }
  }
}
