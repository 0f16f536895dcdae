import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import type { UpdateFrequency } from '../../domain/catalog.js';

export type DemandAnswer = 'will_provide' | 'exists' | 'cannot';

/** A data demand (seed 004 attachment 2, 数据需求调研表) and the expected provider's answer. */
@Entity({ tableName: 'data_demand' })
export class DataDemand {
  [OptionalProps]?: 'createdAt' | 'status';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  requesterDepartmentId!: string;

  @Property({ type: 'uuid' })
  expectedProviderDepartmentId!: string;

  @Property({ type: 'string' })
  dataName!: string;

  @Property({ type: 'text' })
  content!: string;

  @Property({ type: 'text' })
  purpose!: string;

  @Property({ type: 'string' })
  updateFrequency!: UpdateFrequency;

  @Property({ type: 'string' })
  status: 'open' | 'answered' = 'open';

  @Property({ type: 'string', nullable: true })
  answer?: DemandAnswer | null;

  @Property({ type: 'uuid', nullable: true })
  answerResourceId?: string | null;

  @Property({ type: 'text', nullable: true })
  answerComment?: string | null;

  @Property({ type: 'uuid' })
  createdBy!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  answeredAt?: Date | null;
}
