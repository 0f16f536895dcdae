import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type {
  CatalogKind,
  DataItem,
  OpenScope,
  SharingMethod,
  SharingType,
  UpdateFrequency,
} from '../../domain/catalog.js';

export type VersionState = 'draft' | 'in_review' | 'returned' | 'approved' | 'superseded';
/** What approving the version does: publish a new resource, replace the published version, or retire it. */
export type VersionChange = 'publish' | 'revise' | 'retire';

@Entity({ tableName: 'catalog_resource_version' })
export class CatalogResourceVersion {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'reviewRounds';

  @PrimaryKey({ type: 'uuid' })
  resourceId!: string;

  @PrimaryKey({ type: 'integer' })
  version!: number;

  @Property({ type: 'string', unique: true })
  metadataIdentifier!: string;

  @Property({ type: 'string' })
  state!: VersionState;

  @Property({ type: 'string' })
  change!: VersionChange;

  @Property({ type: 'string' })
  name!: string;

  @Property({ type: 'text' })
  abstract!: string;

  @Property({ type: 'string' })
  catalog!: CatalogKind;

  @Property({ type: 'string' })
  classification!: string;

  @Property({ type: 'string' })
  sharingType!: SharingType;

  @Property({ type: 'text', nullable: true })
  notShareableBasis?: string | null;

  @Property({ type: 'text[]' })
  sharingMethods!: SharingMethod[];

  @Property({ type: 'string' })
  openScope!: OpenScope;

  @Property({ type: 'string' })
  updateFrequency!: UpdateFrequency;

  @Property({ type: 'boolean' })
  confidential!: boolean;

  @Property({ type: 'json' })
  dataItems!: DataItem[];

  @Property({ type: 'integer' })
  reviewRounds: number = 0;

  @Property({ type: 'uuid' })
  createdBy!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  decidedAt?: Date | null;
}
