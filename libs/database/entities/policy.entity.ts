import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

@Entity({ tableName: 'policy' })
export class Policy {
  [OptionalProps]?: 'updatedAt' | 'description' | 'updatedBy';

  @PrimaryKey({ type: 'string' })
  key!: string;

  @Property({ type: 'string' })
  value!: string;

  @Property({ type: 'string' })
  description: string = '';

  @Property({ type: 'uuid', nullable: true })
  updatedBy?: string | null;

  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();
}
