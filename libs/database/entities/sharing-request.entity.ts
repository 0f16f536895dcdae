import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import type { SharingMethod } from '../../domain/catalog.js';
import type { Purpose, SharingStatus } from '../../domain/sharing.js';

/** A department's application for another's data (共享申请): the query projection of its workflow. */
@Entity({ tableName: 'sharing_request' })
export class SharingRequest {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'status';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  requesterDepartmentId!: string;

  @Property({ type: 'uuid' })
  providerDepartmentId!: string;

  @Property({ type: 'uuid' })
  resourceId!: string;

  @Property({ type: 'integer' })
  resourceVersion!: number;

  /** The terms in force: as applied for, then as agreed in negotiation. */
  @Property({ type: 'text[]' })
  dataItems!: string[];

  @Property({ type: 'string' })
  purpose!: Purpose;

  @Property({ type: 'text' })
  purposeDetail!: string;

  @Property({ type: 'text' })
  scope!: string;

  @Property({ type: 'string' })
  method!: SharingMethod;

  @Property({ type: 'datetime', nullable: true })
  validUntil?: Date | null;

  @Property({ type: 'string' })
  status: SharingStatus = 'submitted';

  /** Onward sharing: the grant under which the intermediary department holds the data asked for. */
  @Property({ type: 'uuid', nullable: true })
  sourceGrantId?: string | null;

  /** Onward sharing: the department holding the source grant, which sees the request. */
  @Property({ type: 'uuid', nullable: true })
  intermediaryDepartmentId?: string | null;

  @Property({ type: 'uuid' })
  createdBy!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();
}
