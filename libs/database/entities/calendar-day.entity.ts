import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** A day whose status differs from, or is confirmed against, the Mon–Fri rule. */
@Entity({ tableName: 'calendar_day' })
export class CalendarDay {
  [OptionalProps]?: 'updatedAt' | 'note' | 'source' | 'updatedBy';

  @PrimaryKey({ type: 'date' })
  date!: string;

  @Property({ type: 'boolean' })
  isWorkingDay!: boolean;

  @Property({ type: 'string' })
  note: string = '';

  @Property({ type: 'string' })
  source: 'official' | 'manual' = 'official';

  @Property({ type: 'uuid', nullable: true })
  updatedBy?: string | null;

  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();
}
