import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

/** The requester's feedback to the provider on the effect of the shared data (共享效果反馈). */
@Entity({ tableName: 'sharing_feedback' })
export class SharingFeedback {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  requestId!: string;

  @Property({ type: 'uuid' })
  requesterDepartmentId!: string;

  @Property({ type: 'uuid' })
  providerDepartmentId!: string;

  @Property({ type: 'smallint' })
  rating!: number;

  @Property({ type: 'text' })
  effect!: string;

  @Property({ type: 'text', nullable: true })
  problems?: string | null;

  @Property({ type: 'uuid' })
  givenBy!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
