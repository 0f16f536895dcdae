import { BigIntType, OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

export type FilingAuthority = 'info_office' | 'secrecy_bureau' | 'supervision_office';

/** One link of the append-only, hash-chained filing ledger (备案). Rows are never updated. */
@Entity({ tableName: 'filing' })
export class Filing {
  [OptionalProps]?: 'departmentIds';

  @PrimaryKey({ type: new BigIntType('number'), autoincrement: false })
  seq!: number;

  @Property({ type: 'datetime' })
  at!: Date;

  @Property({ type: 'string' })
  kind!: string;

  @Property({ type: 'string' })
  authority!: FilingAuthority;

  @Property({ type: 'string' })
  subjectType!: string;

  @Property({ type: 'string' })
  subjectId!: string;

  /** The departments concerned: each of them may read the filing. */
  @Property({ type: 'uuid[]' })
  departmentIds: string[] = [];

  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  @Property({ type: 'string', unique: true })
  idempotencyKey!: string;

  @Property({ type: 'string' })
  prevHash!: string;

  @Property({ type: 'string' })
  hash!: string;
}
