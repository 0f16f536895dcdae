import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import type { Role } from '../../domain/roles.js';

@Entity({ tableName: 'app_user' })
export class User {
  [OptionalProps]?: 'createdAt' | 'active' | 'roles' | 'email' | 'tokenVersion';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', unique: true })
  username!: string;

  @Property({ type: 'string', hidden: true })
  passwordHash!: string;

  @Property({ type: 'string' })
  displayName!: string;

  @Property({ type: 'string', nullable: true })
  email?: string | null;

  @Property({ type: 'uuid' })
  departmentId!: string;

  @Property({ type: 'text[]' })
  roles: Role[] = [];

  @Property({ type: 'boolean' })
  active: boolean = true;

  /** Carried in every token; bumping it (disabling, a role or password change) ends every session at once. */
  @Property({ type: 'integer', hidden: true })
  tokenVersion: number = 0;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
