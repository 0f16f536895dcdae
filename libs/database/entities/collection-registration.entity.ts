import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import type { CollectionFrequency, CollectionItem, CollectionSourceType, CollectionStatus } from '../../domain/collection.js';

/** A declared collection (采集登记) and where its review stands; the search columns index subject and items. */
@Entity({ tableName: 'collection_registration' })
export class CollectionRegistration {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'searchText' | 'searchGrams';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** The responsible unit: the declaring department. */
  @Property({ type: 'uuid' })
  departmentId!: string;

  @Property({ type: 'string' })
  subject!: string;

  @Property({ type: 'text' })
  description!: string;

  @Property({ type: 'json' })
  dataItems!: CollectionItem[];

  @Property({ type: 'text' })
  legalBasis!: string;

  @Property({ type: 'text' })
  standard!: string;

  @Property({ type: 'string' })
  frequency!: CollectionFrequency;

  @Property({ type: 'string' })
  status!: CollectionStatus;

  /** The reviewer's reasons for a rejection, or comment on a duplicate. */
  @Property({ type: 'text', nullable: true })
  decisionComment?: string | null;

  @Property({ type: 'string', nullable: true })
  duplicateOfType?: CollectionSourceType | null;

  @Property({ type: 'uuid', nullable: true })
  duplicateOfId?: string | null;

  @Property({ type: 'text' })
  searchText: string = '';

  @Property({ type: 'integer[]' })
  searchGrams: number[] = [];

  @Property({ type: 'uuid' })
  createdBy!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  decidedAt?: Date | null;
}
