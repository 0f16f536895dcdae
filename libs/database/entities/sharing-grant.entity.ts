import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import type { SharingMethod } from '../../domain/catalog.js';

/** `suspended`: held back by the provider or the info office until resumed; it still ends at its end date. */
export type GrantStatus = 'active' | 'suspended' | 'expired' | 'revoked';

/** What an approved request yields (共享授权): the items, purpose, scope and method, until a date. */
@Entity({ tableName: 'sharing_grant' })
export class SharingGrant {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid', unique: true })
  requestId!: string;

  @Property({ type: 'text[]' })
  dataItems!: string[];

  @Property({ type: 'string' })
  purpose!: string;

  @Property({ type: 'text' })
  scope!: string;

  @Property({ type: 'string' })
  method!: SharingMethod;

  @Property({ type: 'datetime', nullable: true })
  validUntil?: Date | null;

  @Property({ type: 'string' })
  status!: GrantStatus;

  @Property({ type: 'datetime' })
  grantedAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  endedAt?: Date | null;
}
