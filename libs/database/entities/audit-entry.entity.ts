import { BigIntType, OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { AuditAction } from '../../domain/audit.js';

/** One row of the append-only audit log (a trigger forbids UPDATE and DELETE): who did what to access, when, from where. */
@Entity({ tableName: 'audit_log' })
export class AuditEntry {
  [OptionalProps]?: 'seq' | 'at' | 'details';

  @PrimaryKey({ type: new BigIntType('number') })
  seq!: number;

  @Property({ type: 'datetime' })
  at: Date = new Date();

  @Property({ type: 'string' })
  action!: AuditAction;

  @Property({ type: 'uuid', nullable: true })
  actorId?: string | null;

  /** The account concerned by a login (as typed, for failures: whether or not it exists). */
  @Property({ type: 'string', nullable: true })
  username?: string | null;

  @Property({ type: 'string', nullable: true })
  address?: string | null;

  @Property({ type: 'string', nullable: true })
  subjectType?: string | null;

  @Property({ type: 'string', nullable: true })
  subjectId?: string | null;

  @Property({ type: 'json' })
  details: Record<string, unknown> = {};
}
