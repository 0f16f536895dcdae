import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

/** One entry of a request's timeline, written once (its key makes a retried write a no-op). */
@Entity({ tableName: 'sharing_event' })
export class SharingEvent {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  requestId!: string;

  @Property({ type: 'string', unique: true })
  eventKey!: string;

  @Property({ type: 'datetime' })
  at!: Date;

  @Property({ type: 'string' })
  type!: string;

  @Property({ type: 'uuid', nullable: true })
  actorUserId?: string | null;

  @Property({ type: 'json', nullable: true })
  detail?: Record<string, unknown> | null;
}
