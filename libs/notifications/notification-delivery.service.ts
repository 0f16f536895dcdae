import { LockMode } from '@mikro-orm/core';
import { EntityManager, raw } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Notification, User } from '../database/entities/index.js';
import { DocumentRenderer } from '../documents/document-renderer.service.js';
import { Mailer } from './mailer.js';

export type DeliveryResult = 'delivered' | 'already_delivered' | 'unknown';

/**
 * Delivers one outbox row. The row is locked for the whole attempt and marked delivered in the
 * same transaction, so a retried or duplicated job finds it delivered and sends nothing again.
 */
@Injectable()
export class NotificationDelivery {
  constructor(
    private readonly em: EntityManager,
    private readonly mailer: Mailer,
    private readonly renderer: DocumentRenderer,
  ) {}

  async deliver(notificationId: string): Promise<DeliveryResult> {
    let sent = false;
    try {
      return await this.em.transactional(async (tx) => {
        const notification = await tx.findOne(Notification, { id: notificationId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!notification) return 'unknown';
        if (notification.status === 'delivered') return 'already_delivered';
        if (notification.channel === 'email') await this.sendEmail(tx, notification);
        sent = true;
        notification.status = 'delivered';
        notification.deliveredAt = new Date();
        notification.attempts += 1;
        notification.lastError = null;
        return 'delivered';
      });
    } catch (error) {
      // The e-mail went out but the commit that records it failed (the database went away in between, as
      // the chaos suite makes it): retrying the job would send it a second time, so record it instead.
      if (sent) return this.recordSent(notificationId);
      await this.em.fork().nativeUpdate(
        Notification,
        { id: notificationId, status: 'pending' },
        { attempts: raw('attempts + 1'), lastError: String(error) },
      );
      throw error;
    }
  }

  /** Marks a sent notification delivered, waiting for the database to come back (up to ~5 minutes). */
  private async recordSent(notificationId: string): Promise<DeliveryResult> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.em.fork().nativeUpdate(
          Notification,
          { id: notificationId, status: 'pending' },
          { status: 'delivered', deliveredAt: new Date(), attempts: raw('attempts + 1'), lastError: null },
        );
        return 'delivered';
      } catch (error) {
        if (attempt >= 60) throw error;
        await new Promise((resolve) => setTimeout(resolve, 5000));
      }
    }
  }

  async markFailed(notificationId: string): Promise<void> {
    await this.em.fork().nativeUpdate(Notification, { id: notificationId, status: 'pending' }, { status: 'failed' });
  }

  /** Rows that were recorded but never reached the queue (the process died between commit and dispatch). */
  async undispatched(olderThanSeconds: number, limit = 500): Promise<string[]> {
    const rows = await this.em.fork().find(
      Notification,
      { status: 'pending', createdAt: { $lt: new Date(Date.now() - olderThanSeconds * 1000) } },
      { fields: ['id'], limit, orderBy: { createdAt: 'asc' } },
    );
    return rows.map((row) => row.id);
  }

  private async sendEmail(tx: EntityManager, notification: Notification) {
    const recipient = await tx.findOneOrFail(User, { id: notification.recipientUserId }, { fields: ['email'] });
    if (!recipient.email) return;
    const html = await this.renderer.render(`notifications/${notification.template}`, {
      ...notification.data,
      link: notification.link,
    });
    await this.mailer.send({
      messageId: `<${notification.id}@govshare.notifications>`,
      to: recipient.email,
      subject: notification.subject,
      html,
    });
  }
}
