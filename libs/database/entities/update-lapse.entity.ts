import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import type { UpdateFrequency } from '../../domain/catalog.js';
import type { UpdateRule } from '../../domain/update-obligation.js';

/** A due update a provider missed: found by the compliance sweep, resolved by the next recorded update. */
@Entity({ tableName: 'update_lapse' })
export class UpdateLapse {
  [OptionalProps]?: 'detectedAt' | 'rule';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  resourceId!: string;

  @Property({ type: 'uuid' })
  providerDepartmentId!: string;

  /** The frequency the resource declared when the lapse was found. */
  @Property({ type: 'string' })
  frequency!: UpdateFrequency;

  @Property({ type: 'string' })
  rule: UpdateRule = 'frequency';

  @Property({ type: 'datetime' })
  dueAt!: Date;

  @Property({ type: 'datetime' })
  detectedAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  resolvedAt?: Date | null;

  /** The provider's data_update task. */
  @Property({ type: 'uuid', nullable: true })
  taskId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  resolvedByUpdateId?: string | null;

  /** When the lapse's workflow was started; null for a lapse whose start is still owed. */
  @Property({ type: 'datetime', nullable: true })
  processStartedAt?: Date | null;
}
