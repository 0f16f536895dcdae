import { BigIntType, OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** A year whose official holiday arrangement the platform holds; a year without a row is provisional. */
@Entity({ tableName: 'calendar_year' })
export class CalendarYear {
  [OptionalProps]?: 'importedAt' | 'contentHash' | 'importedBy' | 'filingSeq';

  @PrimaryKey({ type: 'integer' })
  year!: number;

  /** The notice's reference (文号), e.g. 国办发明电〔2025〕7号. */
  @Property({ type: 'string' })
  reference!: string;

  @Property({ type: 'string' })
  title!: string;

  /** Of the imported arrangement's days and reference: a re-import of the same notice changes nothing. */
  @Property({ type: 'string', nullable: true })
  contentHash?: string | null;

  @Property({ type: 'uuid', nullable: true })
  importedBy?: string | null;

  @Property({ type: 'datetime' })
  importedAt: Date = new Date();

  @Property({ type: new BigIntType('number'), nullable: true })
  filingSeq?: number | null;
}
