import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import type { CatalogKind, OpenScope, SharingType } from '../../domain/catalog.js';

export type ResourceStatus = 'draft' | 'in_review' | 'returned' | 'published' | 'retired';

/**
 * A catalog resource: its identity and where its versions stand. What it says lives in its
 * versions; the search columns hold the version the catalog shows (the published one, else the draft).
 */
@Entity({ tableName: 'catalog_resource' })
export class CatalogResource {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'publishedVersion' | 'searchText' | 'searchGrams';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', unique: true })
  identifier!: string;

  @Property({ type: 'uuid' })
  providerDepartmentId!: string;

  @Property({ type: 'string' })
  status!: ResourceStatus;

  @Property({ type: 'integer', nullable: true })
  publishedVersion: number | null = null;

  /** The newest version: the one being drafted or reviewed, or the published one when nothing is pending. */
  @Property({ type: 'integer' })
  workingVersion!: number;

  /** The shown version's attributes that searches filter on, kept here so a search reads one table. */
  @Property({ type: 'string', nullable: true })
  shownCatalog?: CatalogKind | null;

  @Property({ type: 'string', nullable: true })
  shownSharingType?: SharingType | null;

  @Property({ type: 'string', nullable: true })
  shownOpenScope?: OpenScope | null;

  @Property({ type: 'text' })
  searchText: string = '';

  @Property({ type: 'integer[]' })
  searchGrams: number[] = [];

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  publishedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  retiredAt?: Date | null;
}
