import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

/** A department's subscription to a resource: it is told when the resource changes. */
@Entity({ tableName: 'catalog_subscription' })
export class CatalogSubscription {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  resourceId!: string;

  @Property({ type: 'uuid' })
  departmentId!: string;

  @Property({ type: 'uuid' })
  subscribedBy!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
