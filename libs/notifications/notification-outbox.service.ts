import { EntityManager } from '@mikro-orm/postgresql';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { User } from '../database/entities/index.js';
import { rolesSatisfying, type Role } from '../domain/roles.js';
import { deliveryJobOptions, NOTIFICATION_QUEUE, type DeliverNotificationJob } from './notification-queue.js';

/** Rows per insert statement. */
const INSERT_CHUNK = 5000;

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
    const createdAt = new Date().toISOString();
    const rows = requests.flatMap((request) => {
      const link = `${this.config.api.publicBaseUrl}${request.path}`;
      return recipientsByKey.get(JSON.stringify(request.recipients))!.flatMap((user) =>
        (user.email ? (['in_app', 'email'] as const) : (['in_app'] as const)).map((channel) => ({
          id: crypto.randomUUID(),
          dedupe_key: `${request.dedupeKey}:${user.id}:${channel}`,
          recipient_user_id: user.id,
          channel,
          template: request.template,
          subject: request.subject,
          data: request.data,
          link,
          created_at: createdAt,
        })),
      );
    });
    const ids: string[] = [];
    // One statement per chunk, the rows as one JSON parameter: thousands of rows cost one round trip.
    for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
      const inserted = await em.execute<{ id: string }[]>(
        `insert into notification (id, dedupe_key, recipient_user_id, channel, template, subject, data, link, status, attempts, created_at)
         select v.id, v.dedupe_key, v.recipient_user_id, v.channel, v.template, v.subject, v.data, v.link, 'pending', 0, v.created_at
         from jsonb_to_recordset(?::jsonb) as v(id uuid, dedupe_key text, recipient_user_id uuid, channel text, template text,
                                                 subject text, data jsonb, link text, created_at timestamptz)
         on conflict (dedupe_key) do nothing
         returning id`,
        [JSON.stringify(rows.slice(start, start + INSERT_CHUNK))],
      );
      ids.push(...inserted.map((row) => row.id));
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
