import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

/** The provider's record that it updated a published resource's data (数据更新登记). */
@Entity({ tableName: 'resource_update' })
export class ResourceUpdate {
  [OptionalProps]?: 'recordedAt' | 'note' | 'sourceTaskId';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  resourceId!: string;

  @Property({ type: 'uuid' })
  providerDepartmentId!: string;

  @Property({ type: 'datetime' })
  recordedAt: Date = new Date();

  @Property({ type: 'uuid' })
  recordedBy!: string;

  @Property({ type: 'text' })
  note: string = '';

  /** The data_update task whose completion recorded it. */
  @Property({ type: 'uuid', nullable: true, unique: true })
  sourceTaskId?: string | null;
}
