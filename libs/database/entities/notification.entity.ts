import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

export type NotificationChannel = 'in_app' | 'email';
export type NotificationStatus = 'pending' | 'delivered' | 'failed';

/** The outbox: written in the transaction of the change it announces, delivered by a queue processor. */
@Entity({ tableName: 'notification' })
export class Notification {
  [OptionalProps]?: 'createdAt' | 'status' | 'attempts';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', unique: true })
  dedupeKey!: string;

  @Property({ type: 'uuid' })
  recipientUserId!: string;

  @Property({ type: 'string' })
  channel!: NotificationChannel;

  @Property({ type: 'string' })
  template!: string;

  @Property({ type: 'string' })
  subject!: string;

  @Property({ type: 'json' })
  data!: Record<string, unknown>;

  @Property({ type: 'string' })
  link!: string;

  @Property({ type: 'string' })
  status: NotificationStatus = 'pending';

  @Property({ type: 'integer' })
  attempts: number = 0;

  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  deliveredAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  readAt?: Date | null;
}
