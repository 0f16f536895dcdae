import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

/** One month's round of reports: every city and district department reports by its due time. */
@Entity({ tableName: 'monthly_report_round' })
export class MonthlyReportRound {
  [OptionalProps]?: 'openedAt' | 'openedBy';

  @PrimaryKey({ type: 'string' })
  month!: string;

  @Property({ type: 'datetime' })
  dueAt!: Date;

  @Property({ type: 'uuid', nullable: true })
  openedBy?: string | null;

  @Property({ type: 'datetime' })
  openedAt: Date = new Date();
}

/** The figures of a month pre-filled from the platform's own events (see MonthlyActivity). */
export interface MonthlyFigures {
  requestsMade: number;
  requestsGranted: number;
  /** Applications, data demands and objections the department answered this month… */
  answersGiven: number;
  /** …of which within their deadline, */
  answersOnTime: number;
  /** …and after it. */
  answersLate: number;
  /** Deadlines that passed this month without an answer. */
  answersMissed: number;
  /** Waiting for the department's answer now. */
  answersPending: number;
  escalations: number;
  resourcesRegistered: number;
  resourcesPublished: number;
  resourcesRevised: number;
  dataUpdatesRecorded: number;
  updateLapses: number;
  feedbackGiven: number;
}

/** A department's monthly report (月报): the figures pre-filled, then its progress and problems. */
@Entity({ tableName: 'monthly_report' })
export class MonthlyReport {
  [OptionalProps]?: 'createdAt' | 'status';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string' })
  month!: string;

  @Property({ type: 'uuid' })
  departmentId!: string;

  @Property({ type: 'datetime' })
  dueAt!: Date;

  @Property({ type: 'string' })
  status: 'open' | 'submitted' = 'open';

  @Property({ type: 'json', nullable: true })
  figures?: MonthlyFigures | null;

  @Property({ type: 'text', nullable: true })
  progress?: string | null;

  @Property({ type: 'text', nullable: true })
  problems?: string | null;

  @Property({ type: 'boolean', nullable: true })
  late?: boolean | null;

  @Property({ type: 'uuid', nullable: true })
  submittedBy?: string | null;

  @Property({ type: 'datetime', nullable: true })
  submittedAt?: Date | null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
