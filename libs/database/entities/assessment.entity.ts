import { BigIntType, OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import type { AssessmentPhase, IndicatorWeights, TargetAreas } from '../../domain/assessment.js';
import type { EvidenceRef, IndicatorKey } from '../../domain/indicators.js';

/** One year's assessment (年度信息化水平考核): its schedule, its indicator weights and where it stands. */
@Entity({ tableName: 'assessment' })
export class Assessment {
  [OptionalProps]?: 'createdAt' | 'phase';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'integer', unique: true })
  year!: number;

  @Property({ type: 'string' })
  phase: AssessmentPhase = 'targets';

  @Property({ type: 'datetime' })
  periodFrom!: Date;

  @Property({ type: 'datetime' })
  targetsDueAt!: Date;

  @Property({ type: 'datetime' })
  midYearAt!: Date;

  @Property({ type: 'datetime' })
  yearEndAt!: Date;

  /** A duration ("10wd", "PT10S") counted from scoring; null: the policy `assessment.appealWindow` in force then. */
  @Property({ type: 'string', nullable: true })
  appealWindow?: string | null;

  @Property({ type: 'json' })
  weights!: IndicatorWeights;

  @Property({ type: 'string' })
  workflowId!: string;

  @Property({ type: 'uuid' })
  startedBy!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  snapshotTakenAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  scoredAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  appealClosesAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  publishedAt?: Date | null;

  @Property({ type: new BigIntType('number'), nullable: true })
  resultsFilingSeq?: number | null;
}

/** A department taking part in a year's assessment; its final score and rank once published. */
@Entity({ tableName: 'assessment_department' })
export class AssessmentDepartment {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  assessmentId!: string;

  @Property({ type: 'uuid' })
  departmentId!: string;

  @Property({ type: 'double', nullable: true })
  finalScore?: number | null;

  @Property({ type: 'integer', nullable: true })
  rank?: number | null;
}

/** One round of a department's targets: filed, then confirmed or returned for a new round. */
@Entity({ tableName: 'assessment_target' })
export class AssessmentTarget {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  assessmentId!: string;

  @Property({ type: 'uuid' })
  departmentId!: string;

  @Property({ type: 'integer' })
  round!: number;

  @Property({ type: 'json' })
  areas!: TargetAreas;

  @Property({ type: 'uuid' })
  filedBy!: string;

  @Property({ type: 'datetime' })
  filedAt!: Date;

  @Property({ type: 'string', nullable: true })
  reviewOutcome?: 'confirm' | 'return' | null;

  @Property({ type: 'text', nullable: true })
  reviewComment?: string | null;

  @Property({ type: 'uuid', nullable: true })
  reviewedBy?: string | null;

  @Property({ type: 'datetime', nullable: true })
  reviewedAt?: Date | null;

  @Property({ type: new BigIntType('number'), nullable: true })
  filingSeq?: number | null;
}

/** One indicator as stored in a snapshot or scorecard: the measurement, its points and weight, the records behind it. */
export interface StoredIndicator {
  key: IndicatorKey;
  numerator: number;
  denominator: number;
  value: number | null;
  points: number | null;
  weight: number;
  evidence: EvidenceRef[];
  exceptions: EvidenceRef[];
}

/** A department's indicators measured over a period of one assessment (a mapped superclass: no table of its own). */
abstract class DepartmentMeasurement {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  assessmentId!: string;

  @Property({ type: 'uuid' })
  departmentId!: string;

  @Property({ type: 'datetime' })
  periodFrom!: Date;

  @Property({ type: 'datetime' })
  periodTo!: Date;

  @Property({ type: 'json' })
  indicators!: StoredIndicator[];
}

/** The mid-year check: indicators measured from the year's start to mid-year, beside the targets then filed. */
@Entity({ tableName: 'assessment_snapshot' })
export class AssessmentSnapshot extends DepartmentMeasurement {
  /** The latest round of targets at the time, with its review outcome; null when none was filed. */
  @Property({ type: 'json', nullable: true })
  targets?: { round: number; areas: TargetAreas; reviewOutcome: string | null } | null;

  @Property({ type: 'datetime' })
  takenAt!: Date;

  @Property({ type: 'text', nullable: true })
  comment?: string | null;

  @Property({ type: 'uuid', nullable: true })
  commentedBy?: string | null;

  @Property({ type: 'datetime', nullable: true })
  commentedAt?: Date | null;
}

/** The year-end scorecard as measured, before adjustments and appeal. */
@Entity({ tableName: 'assessment_scorecard' })
export class AssessmentScorecard extends DepartmentMeasurement {
  @Property({ type: 'double', nullable: true })
  total?: number | null;

  @Property({ type: 'datetime' })
  computedAt!: Date;
}

/** A supervisor's change of one indicator's points or of the total, always with the written reason. */
@Entity({ tableName: 'assessment_adjustment' })
export class AssessmentAdjustment {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  assessmentId!: string;

  @Property({ type: 'uuid' })
  departmentId!: string;

  /** Null: the total. */
  @Property({ type: 'string', nullable: true })
  indicator?: IndicatorKey | null;

  @Property({ type: 'double', nullable: true })
  previousPoints?: number | null;

  @Property({ type: 'double' })
  points!: number;

  @Property({ type: 'text' })
  reason!: string;

  @Property({ type: 'uuid' })
  adjustedBy!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}

export type AppealStatus = 'pending' | 'upheld' | 'amended';

/** A department's appeal against its year-end score, and the working group's decision. */
@Entity({ tableName: 'assessment_appeal' })
export class AssessmentAppeal {
  [OptionalProps]?: 'status';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  assessmentId!: string;

  @Property({ type: 'uuid' })
  departmentId!: string;

  @Property({ type: 'text' })
  reasons!: string;

  @Property({ type: 'uuid' })
  filedBy!: string;

  @Property({ type: 'datetime' })
  filedAt!: Date;

  @Property({ type: 'string' })
  status: AppealStatus = 'pending';

  @Property({ type: 'double', nullable: true })
  amendedPoints?: number | null;

  @Property({ type: 'text', nullable: true })
  decisionComment?: string | null;

  @Property({ type: 'uuid', nullable: true })
  decidedBy?: string | null;

  @Property({ type: 'datetime', nullable: true })
  decidedAt?: Date | null;
}
