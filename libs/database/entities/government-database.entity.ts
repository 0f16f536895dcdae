import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type {
  DatabaseAttributes,
  DatabaseCategory,
  DatabaseStatus,
  UpdateFrequency,
} from '../../domain/government-databases.js';

/**
 * A department's government database as its workflow last recorded it (the projection the API
 * reads). Attributes change only when a reviewed step is approved.
 */
@Entity({ tableName: 'government_database' })
export class GovernmentDatabase {
  [OptionalProps]?: 'businessArea' | 'catalogResourceIds' | 'registeredAt' | 'operatingSince' | 'deregisteredAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  departmentId!: string;

  @Property({ type: 'string' })
  name!: string;

  @Property({ type: 'text' })
  description!: string;

  @Property({ type: 'string' })
  category!: DatabaseCategory;

  @Property({ type: 'string', nullable: true })
  businessArea?: string | null;

  @Property({ type: 'json' })
  dataScale!: DatabaseAttributes['dataScale'];

  @Property({ type: 'string' })
  storageLocation!: string;

  @Property({ type: 'string' })
  storageSystem!: string;

  @Property({ type: 'json' })
  contact!: DatabaseAttributes['contact'];

  @Property({ type: 'string' })
  updateFrequency!: UpdateFrequency;

  @Property({ type: 'text[]' })
  dataSubjects!: string[];

  @Property({ type: 'uuid[]' })
  catalogResourceIds: string[] = [];

  @Property({ type: 'string' })
  status!: DatabaseStatus;

  @Property({ type: 'datetime' })
  filedAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  registeredAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  operatingSince?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  deregisteredAt?: Date | null;

  @Property({ type: 'datetime' })
  updatedAt!: Date;
}
