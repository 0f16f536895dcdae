import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import type { DepartmentLevel } from '../../domain/roles.js';

@Entity({ tableName: 'department' })
export class Department {
  [OptionalProps]?: 'createdAt' | 'parentId';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', unique: true })
  code!: string;

  @Property({ type: 'string' })
  name!: string;

  @Property({ type: 'string' })
  level!: DepartmentLevel;

  @Property({ type: 'uuid', nullable: true })
  parentId?: string | null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
