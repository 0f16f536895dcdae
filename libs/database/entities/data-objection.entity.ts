import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

export type ObjectionOutcome = 'confirmed_corrected' | 'rejected';

/** A requester's objection to the correctness of shared data (数据异议), and the provider's verification. */
@Entity({ tableName: 'data_objection' })
export class DataObjection {
  [OptionalProps]?: 'createdAt' | 'status';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  requestId!: string;

  @Property({ type: 'uuid' })
  grantId!: string;

  @Property({ type: 'uuid' })
  requesterDepartmentId!: string;

  @Property({ type: 'uuid' })
  providerDepartmentId!: string;

  @Property({ type: 'text[]' })
  dataItems!: string[];

  @Property({ type: 'text' })
  description!: string;

  @Property({ type: 'string' })
  status: 'awaiting_verification' | 'verified' = 'awaiting_verification';

  @Property({ type: 'string', nullable: true })
  outcome?: ObjectionOutcome | null;

  @Property({ type: 'text', nullable: true })
  outcomeComment?: string | null;

  @Property({ type: 'uuid', nullable: true })
  verifiedBy?: string | null;

  @Property({ type: 'uuid' })
  raisedBy!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  verifiedAt?: Date | null;
}
