import { BigIntType, OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import type { DatabaseAttributes, DatabaseStep, StepRoundStatus } from '../../domain/government-databases.js';

/**
 * One round of a step request on a government database: a returned request resubmitted is the
 * next round of the same step number, so every round and its outcome stay on record.
 */
@Entity({ tableName: 'government_database_step' })
export class GovernmentDatabaseStep {
  [OptionalProps]?: 'status' | 'changes' | 'reason' | 'reviewedBy' | 'reviewedAt' | 'reviewComment' | 'filingSeq';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  databaseId!: string;

  @Property({ type: 'integer' })
  stepNo!: number;

  @Property({ type: 'integer' })
  round!: number;

  @Property({ type: 'string' })
  step!: DatabaseStep;

  @Property({ type: 'string' })
  status: StepRoundStatus = 'in_review';

  @Property({ type: 'json', nullable: true })
  changes?: Partial<DatabaseAttributes> | null;

  @Property({ type: 'text', nullable: true })
  reason?: string | null;

  @Property({ type: 'uuid' })
  requestedBy!: string;

  @Property({ type: 'datetime' })
  requestedAt!: Date;

  @Property({ type: 'uuid', nullable: true })
  reviewedBy?: string | null;

  @Property({ type: 'datetime', nullable: true })
  reviewedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  reviewComment?: string | null;

  @Property({ type: new BigIntType('number'), nullable: true })
  filingSeq?: number | null;
}
