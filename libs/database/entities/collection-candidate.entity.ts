import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { CollectionSourceType, ItemMatch } from '../../domain/collection.js';

/** An existing source found holding the same or similar items as a registration, before its review. */
@Entity({ tableName: 'collection_candidate' })
export class CollectionCandidate {
  @PrimaryKey({ type: 'uuid' })
  registrationId!: string;

  @PrimaryKey({ type: 'string' })
  sourceType!: CollectionSourceType;

  @PrimaryKey({ type: 'uuid' })
  sourceId!: string;

  @Property({ type: 'string' })
  sourceName!: string;

  @Property({ type: 'uuid' })
  sourceDepartmentId!: string;

  @Property({ type: 'json' })
  matchedItems!: ItemMatch[];

  /** How much of the declaration the source already holds, 0 to 1. */
  @Property({ type: 'float' })
  score!: number;
}
