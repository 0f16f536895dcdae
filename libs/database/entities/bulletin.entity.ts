import { BigIntType, OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

/** One obligation a department is late on, as a bulletin lists it. */
export interface LateObligation {
  departmentId: string | null;
  /** The department's name, or the coordinating body's for a city-wide task. */
  holder: string;
  what: 'overdue_task' | 'update_lapse' | 'late_monthly_report' | 'late_campaign_filing';
  title: string;
  dueAt: string;
  subjectType: string;
  subjectId: string;
}

/** A periodic bulletin (通报) of every department's standing and of who is late on what; published to all. */
@Entity({ tableName: 'bulletin' })
export class Bulletin {
  [OptionalProps]?: 'createdAt' | 'status';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string' })
  label!: string;

  @Property({ type: 'datetime' })
  periodFrom!: Date;

  @Property({ type: 'datetime' })
  periodTo!: Date;

  @Property({ type: 'string' })
  status: 'compiling' | 'published' = 'compiling';

  @Property({ type: 'json', nullable: true })
  standings?: unknown[] | null;

  @Property({ type: 'json', nullable: true })
  late?: LateObligation[] | null;

  @Property({ type: 'text', nullable: true })
  html?: string | null;

  @Property({ type: new BigIntType('number'), nullable: true })
  filingSeq?: number | null;

  @Property({ type: 'uuid', nullable: true })
  requestedBy?: string | null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  compiledAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  publishedAt?: Date | null;
}
