import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  Assessment,
  AssessmentAdjustment,
  AssessmentAppeal,
  AssessmentDepartment,
  AssessmentScorecard,
  AssessmentSnapshot,
  AssessmentTarget,
  Department,
} from '../database/entities/index.js';
import { finalScore, scheduleProblem, weightsProblem, type AssessmentSchedule, type IndicatorWeights, type ScoreChange, type TargetAreas } from '../domain/assessment.js';
import { ConflictError, NotFoundError, RuleViolationError } from '../domain/errors.js';
import { DEFAULT_INDICATOR_WEIGHTS, type IndicatorKey } from '../domain/indicators.js';
import { FilingLedger } from '../filings/filing-ledger.service.js';
import { workflowIds } from '../temporal/workflow-ids.js';

export interface NewAssessment {
  year: number;
  departmentIds?: string[];
  schedule: AssessmentSchedule;
  /** A duration; absent: the policy in force at scoring. */
  appealWindow?: string;
  weights?: Partial<IndicatorWeights>;
  startedBy: string;
}

export interface NewAdjustment {
  indicator: IndicatorKey | null;
  points: number;
  reason: string | undefined;
  adjustedBy: string;
}

/** What the child workflow of a department needs to know about it. */
export interface AssessedDepartment {
  assessmentId: string;
  year: number;
  /** The assessment_department row: the subject of the department's tasks. */
  subjectId: string;
  departmentId: string;
  departmentName: string;
  targetsDueAt: string;
}

/** Everything recorded about one department's year. */
export interface DepartmentAssessmentRecord {
  assessment: Assessment;
  participant: AssessmentDepartment;
  department: Department;
  targets: AssessmentTarget[];
  snapshot: AssessmentSnapshot | null;
  scorecard: AssessmentScorecard | null;
  adjustments: AssessmentAdjustment[];
  appeal: AssessmentAppeal | null;
  /** The score with adjustments and appeal applied (final once published); null before scoring or when nothing applies. */
  currentScore: number | null;
}

/**
 * The annual assessment's records: starting a year, its weights, the targets rounds, mid-year
 * comments, adjustments and appeals. Methods called from activities are idempotent.
 */
@Injectable()
export class AssessmentService {
  constructor(
    private readonly em: EntityManager,
    private readonly filings: FilingLedger,
  ) {}

  /** Creates the year and its participants; 409 when the year has already been started. */
  async create(input: NewAssessment): Promise<Assessment> {
    const problem = scheduleProblem(input.schedule) ?? (input.weights ? weightsProblem(input.weights) : undefined);
    if (problem) throw new RuleViolationError(problem);
    if (await this.em.count(Assessment, { year: input.year })) throw new ConflictError(`the ${input.year} assessment has already been started`);
    const departments = input.departmentIds
      ? await this.em.find(Department, { id: { $in: input.departmentIds } })
      : await this.em.find(Department, { level: { $in: ['city', 'district'] } });
    if (input.departmentIds) {
      const missing = input.departmentIds.filter((id) => !departments.some((d) => d.id === id));
      if (missing.length > 0) throw new RuleViolationError(`unknown departments: ${missing.join(', ')}`);
    }
    if (departments.length === 0) throw new RuleViolationError('there is no department to assess');
    const { schedule } = input;
    try {
      return await this.em.transactional(async (tx) => {
        const assessment = tx.create(Assessment, {
          year: input.year,
          periodFrom: schedule.periodFrom,
          targetsDueAt: schedule.targetsDueAt,
          midYearAt: schedule.midYearAt,
          yearEndAt: schedule.yearEndAt,
          appealWindow: input.appealWindow ?? null,
          weights: { ...DEFAULT_INDICATOR_WEIGHTS, ...input.weights },
          workflowId: '',
          startedBy: input.startedBy,
        });
        assessment.workflowId = workflowIds.assessmentCycle(assessment.id);
        // No relation is declared between the two: flush the parent row first for the foreign keys.
        await tx.flush();
        for (const department of departments) tx.create(AssessmentDepartment, { assessmentId: assessment.id, departmentId: department.id });
        return assessment;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw new ConflictError(`the ${input.year} assessment has already been started`);
      throw error;
    }
  }

  async byYear(year: number): Promise<Assessment> {
    const assessment = await this.em.findOne(Assessment, { year });
    if (!assessment) throw new NotFoundError(`no assessment for ${year}`);
    return assessment;
  }

  /** Weights are the year's configuration until year-end scoring uses them. */
  async setWeights(year: number, weights: Record<string, unknown>): Promise<Assessment> {
    const problem = weightsProblem(weights);
    if (problem) throw new RuleViolationError(problem);
    const assessment = await this.byYear(year);
    const merged = { ...DEFAULT_INDICATOR_WEIGHTS, ...(weights as Partial<IndicatorWeights>) };
    const updated = await this.em.execute<{ id: string }[]>(
      'update assessment set weights = ?::jsonb where id = ? and scored_at is null returning id',
      [JSON.stringify(merged), assessment.id],
    );
    if (updated.length === 0) throw new ConflictError(`the ${year} assessment has been scored; its weights can no longer change`);
    return this.em.findOneOrFail(Assessment, { id: assessment.id }, { refresh: true });
  }

  participantCount(assessmentId: string): Promise<number> {
    return this.em.count(AssessmentDepartment, { assessmentId });
  }

  /** The participating departments as the cycle workflow starts its children. */
  async participants(assessmentId: string): Promise<AssessedDepartment[]> {
    const assessment = await this.em.findOneOrFail(Assessment, { id: assessmentId });
    const rows = await this.em.execute<{ id: string; department_id: string; name: string }[]>(
      `select p.id, p.department_id, d.name from assessment_department p join department d on d.id = p.department_id
       where p.assessment_id = ? order by d.code`,
      [assessmentId],
    );
    return rows.map((row) => ({
      assessmentId,
      year: assessment.year,
      subjectId: row.id,
      departmentId: row.department_id,
      departmentName: row.name,
      targetsDueAt: assessment.targetsDueAt.toISOString(),
    }));
  }

  async recordTargets(assessmentId: string, departmentId: string, round: number, areas: TargetAreas, filedBy: string): Promise<void> {
    await this.em.execute(
      `insert into assessment_target (id, assessment_id, department_id, round, areas, filed_by, filed_at)
       values (gen_random_uuid(), ?, ?, ?, ?::jsonb, ?, now()) on conflict (assessment_id, department_id, round) do nothing`,
      [assessmentId, departmentId, round, JSON.stringify(areas), filedBy],
    );
  }

  /** Records the working group's review of a round; confirmed targets are filed with the supervision office. */
  async reviewTargets(
    review: { assessmentId: string; departmentId: string; round: number; outcome: 'confirm' | 'return'; comment: string | null; reviewedBy: string },
    idempotencyKey: string,
  ): Promise<void> {
    const target = await this.em.findOneOrFail(AssessmentTarget, { assessmentId: review.assessmentId, departmentId: review.departmentId, round: review.round });
    if (!target.reviewOutcome) {
      Object.assign(target, { reviewOutcome: review.outcome, reviewComment: review.comment, reviewedBy: review.reviewedBy, reviewedAt: new Date() });
      await this.em.flush();
    }
    if (review.outcome !== 'confirm' || target.filingSeq) return;
    const assessment = await this.em.findOneOrFail(Assessment, { id: review.assessmentId });
    const filing = await this.filings.append({
      kind: 'assessment.targets_confirmed',
      authority: 'supervision_office',
      subjectType: 'assessment_target',
      subjectId: target.id,
      departmentIds: [review.departmentId],
      payload: { year: assessment.year, round: target.round, areas: target.areas, confirmedBy: review.reviewedBy, comment: review.comment },
      idempotencyKey,
    });
    target.filingSeq = filing.seq;
    await this.em.flush();
  }

  async recordMidYearComment(assessmentId: string, departmentId: string, comment: string, commentedBy: string): Promise<void> {
    await this.em.execute(
      `update assessment_snapshot set comment = ?, commented_by = ?, commented_at = now()
       where assessment_id = ? and department_id = ? and commented_at is null`,
      [comment, commentedBy, assessmentId, departmentId],
    );
  }

  /** The workflow has accepted the appeal (within the window, the first one); the row makes it visible. */
  async recordAppeal(assessmentId: string, departmentId: string, reasons: string, filedBy: string): Promise<void> {
    await this.em.execute(
      `insert into assessment_appeal (id, assessment_id, department_id, reasons, filed_by, filed_at, status)
       values (gen_random_uuid(), ?, ?, ?, ?, now(), 'pending') on conflict (assessment_id, department_id) do nothing`,
      [assessmentId, departmentId, reasons, filedBy],
    );
  }

  async decideAppeal(
    assessmentId: string,
    departmentId: string,
    decision: { outcome: 'uphold' | 'amend'; points: number | null; comment: string; decidedBy: string },
  ): Promise<void> {
    await this.em.execute(
      `update assessment_appeal set status = ?, amended_points = ?, decision_comment = ?, decided_by = ?, decided_at = now()
       where assessment_id = ? and department_id = ? and status = 'pending'`,
      [decision.outcome === 'amend' ? 'amended' : 'upheld', decision.outcome === 'amend' ? decision.points : null, decision.comment, decision.decidedBy, assessmentId, departmentId],
    );
  }

  /**
   * A supervisor changes one indicator's points or the total, with a written reason; only between
   * scoring and publication (the assessment row is locked, so publication cannot slip in between).
   */
  async adjust(year: number, departmentId: string, input: NewAdjustment): Promise<void> {
    const reason = input.reason?.trim();
    if (!reason) throw new RuleViolationError('an adjustment requires a written reason');
    await this.em.transactional(async (tx) => {
      const [assessment] = await tx.execute<{ id: string; phase: string }[]>('select id, phase from assessment where year = ? for update', [year]);
      if (!assessment) throw new NotFoundError(`no assessment for ${year}`);
      if (assessment.phase === 'published') throw new ConflictError(`the ${year} results have been published; scores can no longer be adjusted`);
      const scorecard = await tx.findOne(AssessmentScorecard, { assessmentId: assessment.id, departmentId });
      if (!scorecard) {
        const takesPart = await tx.count(AssessmentDepartment, { assessmentId: assessment.id, departmentId });
        if (!takesPart) throw new NotFoundError(`department ${departmentId} is not assessed in ${year}`);
        throw new ConflictError(`the ${year} scorecards have not been computed yet`);
      }
      const record = await this.departmentRecord(year, departmentId, tx);
      const previousPoints = input.indicator
        ? (record.adjustments.findLast((a) => a.indicator === input.indicator)?.points ??
          scorecard.indicators.find((i) => i.key === input.indicator)?.points ??
          null)
        : record.currentScore;
      tx.create(AssessmentAdjustment, {
        assessmentId: assessment.id,
        departmentId,
        indicator: input.indicator,
        previousPoints,
        points: input.points,
        reason,
        adjustedBy: input.adjustedBy,
      });
    });
  }

  async departmentRecord(year: number, departmentId: string, em: EntityManager = this.em): Promise<DepartmentAssessmentRecord> {
    const assessment = await em.findOne(Assessment, { year });
    if (!assessment) throw new NotFoundError(`no assessment for ${year}`);
    const participant = await em.findOne(AssessmentDepartment, { assessmentId: assessment.id, departmentId });
    if (!participant) throw new NotFoundError(`department ${departmentId} is not assessed in ${year}`);
    const where = { assessmentId: assessment.id, departmentId };
    const [department, targets, snapshot, scorecard, adjustments, appeal] = await Promise.all([
      em.findOneOrFail(Department, { id: departmentId }),
      em.find(AssessmentTarget, where, { orderBy: { round: 'asc' } }),
      em.findOne(AssessmentSnapshot, where),
      em.findOne(AssessmentScorecard, where),
      em.find(AssessmentAdjustment, where, { orderBy: { createdAt: 'asc', id: 'asc' } }),
      em.findOne(AssessmentAppeal, where),
    ]);
    const currentScore =
      participant.finalScore !== undefined && participant.finalScore !== null && assessment.phase === 'published'
        ? participant.finalScore
        : scorecard
          ? finalScore(scorecard.indicators, scoreChanges(adjustments, appeal))
          : null;
    return { assessment, participant, department, targets, snapshot, scorecard, adjustments, appeal, currentScore };
  }

  /** The published ranking: 409 before publication. */
  async results(year: number) {
    const assessment = await this.byYear(year);
    if (assessment.phase !== 'published') throw new ConflictError(`the ${year} results have not been published yet`);
    const rows = await this.em.execute<{ department_id: string; code: string; name: string; final_score: number | null; rank: number | null; total: number | null }[]>(
      `select p.department_id, d.code, d.name, p.final_score, p.rank, s.total
       from assessment_department p join department d on d.id = p.department_id
       left join assessment_scorecard s on s.assessment_id = p.assessment_id and s.department_id = p.department_id
       where p.assessment_id = ? order by p.rank nulls last, d.code`,
      [assessment.id],
    );
    return { assessment, rows };
  }
}

/** Adjustments and an amended appeal as the changes `finalScore` applies in order. */
export function scoreChanges(
  adjustments: Pick<AssessmentAdjustment, 'indicator' | 'points' | 'createdAt'>[],
  appeal: Pick<AssessmentAppeal, 'status' | 'amendedPoints' | 'decidedAt'> | null,
): ScoreChange[] {
  const changes: ScoreChange[] = adjustments.map((a) => ({ indicator: a.indicator ?? null, points: a.points, at: a.createdAt }));
  if (appeal?.status === 'amended' && appeal.amendedPoints != null && appeal.decidedAt) {
    changes.push({ indicator: null, points: appeal.amendedPoints, at: appeal.decidedAt });
  }
  return changes;
}
