import { EntityManager } from '@mikro-orm/postgresql';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Notification, User } from '../database/entities/index.js';
import { rolesSatisfying, type Role } from '../domain/roles.js';
import { deliveryJobOptions, NOTIFICATION_QUEUE, type DeliverNotificationJob } from './notification-queue.js';

/** Rows per insert statement: well under PostgreSQL's 65,535 bind parameters (11 columns a row). */
const INSERT_CHUNK = 2000;

export type Recipients = { userIds: string[] } | { role: Role; departmentId?: string | null };

export interface NotificationRequest {
  recipients: Recipients;
  /** Template under libs/documents/templates/notifications, rendered at delivery. */
  template: string;
  subject: string;
  data: Record<string, unknown>;
  /** Path of the subject in the web UI, e.g. `/tasks/<id>`. */
  path: string;
  /** Identifies the event: the same event notifies each person once. */
  dedupeKey: string;
}

/**
 * The transactional outbox. `record` writes rows with the caller's EntityManager, inside the
 * caller's transaction; `dispatch` hands them to the queue after commit. Rows a crash left
 * undispatched are picked up by the worker's sweep.
 */
@Injectable()
export class NotificationOutbox {
  constructor(
    @InjectQueue(NOTIFICATION_QUEUE) private readonly queue: Queue<DeliverNotificationJob>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async record(em: EntityManager, request: NotificationRequest): Promise<string[]> {
    return this.recordMany(em, [request]);
  }

  /**
   * Many notices at once (a calendar change moving thousands of deadlines): the recipients of each distinct
   * role and department are read once, and the rows go in by the thousand.
   */
  async recordMany(em: EntityManager, requests: NotificationRequest[]): Promise<string[]> {
    const recipientsByKey = new Map<string, { id: string; email?: string | null }[]>();
    for (const request of requests) {
      const key = JSON.stringify(request.recipients);
      if (!recipientsByKey.has(key)) recipientsByKey.set(key, await em.find(User, recipientFilter(request.recipients), { fields: ['id', 'email'] }));
    }
    const rows = requests.flatMap((request) => {
      const link = `${this.config.api.publicBaseUrl}${request.path}`;
      return recipientsByKey.get(JSON.stringify(request.recipients))!.flatMap((user) =>
        (user.email ? (['in_app', 'email'] as const) : (['in_app'] as const)).map((channel) => ({
          id: crypto.randomUUID(),
          dedupeKey: `${request.dedupeKey}:${user.id}:${channel}`,
          recipientUserId: user.id,
          channel,
          template: request.template,
          subject: request.subject,
          data: request.data,
          link,
          status: 'pending' as const,
          attempts: 0,
          createdAt: new Date(),
        })),
      );
    });
    const ids: string[] = [];
    for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
      const inserted = await em
        .createQueryBuilder(Notification)
        .insert(rows.slice(start, start + INSERT_CHUNK))
        .onConflict('dedupeKey')
        .ignore()
        .returning('id')
        .execute('all');
      ids.push(...(inserted as { id: string }[]).map((row) => row.id));
    }
    return ids;
  }

  async dispatch(notificationIds: string[]): Promise<void> {
    if (notificationIds.length === 0) return;
    await this.queue.addBulk(
      notificationIds.map((notificationId) => ({
        name: 'deliver',
        data: { notificationId },
        opts: deliveryJobOptions(notificationId),
      })),
    );
  }
}

function recipientFilter(recipients: Recipients) {
  if ('userIds' in recipients) return { id: { $in: recipients.userIds }, active: true };
  const base = { active: true, roles: { $overlap: rolesSatisfying(recipients.role) } };
  return recipients.departmentId ? { ...base, departmentId: recipients.departmentId } : base;
}
