import { BigIntType, OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import type { Role } from '../../domain/roles.js';
import type { TaskKind } from '../../domain/task-kinds.js';

export type TaskStatus = 'open' | 'done' | 'cancelled' | 'expired';

@Entity({ tableName: 'task' })
export class Task {
  [OptionalProps]?: 'createdAt' | 'status' | 'overdue';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string' })
  kind!: TaskKind;

  @Property({ type: 'string' })
  title!: string;

  @Property({ type: 'string' })
  subjectType!: string;

  @Property({ type: 'string' })
  subjectId!: string;

  @Property({ type: 'string' })
  assigneeRole!: Role;

  @Property({ type: 'uuid', nullable: true })
  assigneeDepartmentId?: string | null;

  @Property({ type: 'string' })
  workflowId!: string;

  @Property({ type: 'string' })
  taskKey!: string;

  @Property({ type: 'string' })
  status: TaskStatus = 'open';

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  /** The policy value in force when the step started: kept so a calendar edit can recompute the deadline. */
  @Property({ type: 'string' })
  deadlinePolicy!: string;

  @Property({ type: 'string', nullable: true })
  reminderPolicy?: string | null;

  @Property({ type: 'datetime' })
  dueAt!: Date;

  /** How often at least the owning workflow re-reads its deadline; none: only when its timer for the deadline fires. */
  @Property({ type: new BigIntType('number'), nullable: true })
  deadlineRecheckMs?: number | null;

  @Property({ type: 'datetime', nullable: true })
  remindAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  remindedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  overdueAt?: Date | null;

  @Property({ type: 'string', nullable: true })
  outcome?: string | null;

  @Property({ type: 'text', nullable: true })
  comment?: string | null;

  @Property({ type: 'json', nullable: true })
  payload?: Record<string, unknown> | null;

  @Property({ type: 'uuid', nullable: true })
  completedBy?: string | null;

  @Property({ type: 'datetime', nullable: true })
  closedAt?: Date | null;

  get overdue(): boolean {
    return this.overdueAt != null;
  }
}
