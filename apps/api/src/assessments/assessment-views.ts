import type { DepartmentAssessmentRecord } from '../../../../libs/assessment/assessment.service.js';
import type { Assessment, AssessmentTarget, StoredIndicator } from '../../../../libs/database/entities/index.js';
import { z } from 'zod';
import type { DisplayNames } from '../../../../libs/directory/display-names.js';
import { ASSESSMENT_PHASES, TARGET_AREA_KEYS, TARGET_AREAS } from '../../../../libs/domain/assessment.js';
import { NotFoundError } from '../../../../libs/domain/errors.js';
import { INDICATOR_KEYS, INDICATORS } from '../../../../libs/domain/indicators.js';
import { named } from '../common/contract.js';
import { id, isoTime, namedRefSchema, processStateSchema } from '../common/view-schemas.js';
import { type DepartmentRowsPage, pageOfRows } from '../common/zod.js';

const indicatorKey = z.enum(INDICATOR_KEYS as [string, ...string[]]);
const targetAreasSchema = named(
  'TargetAreas',
  z.object(Object.fromEntries(TARGET_AREA_KEYS.map((key) => [key, z.string()])) as Record<(typeof TARGET_AREA_KEYS)[number], z.ZodString>),
);

export const assessmentViewSchema = named(
  'AssessmentView',
  z.object({
    id,
    year: z.number().int(),
    phase: z.enum(ASSESSMENT_PHASES),
    departments: z.number().int().describe('the departments assessed'),
    schedule: z.object({
      periodFrom: isoTime.optional(),
      targetsDueAt: isoTime.optional(),
      midYearAt: isoTime.optional(),
      yearEndAt: isoTime.optional(),
      appealWindow: z.string().describe('a duration, or the policy it comes from'),
      appealClosesAt: isoTime.optional(),
    }),
    weights: z.record(z.string(), z.number()),
    workflowId: z.string(),
    snapshotTakenAt: isoTime.optional(),
    scoredAt: isoTime.optional(),
    publishedAt: isoTime.optional(),
    resultsFilingSeq: z.number().int().optional(),
  }),
);

const indicatorSchema = named(
  'AssessedIndicator',
  z.object({
    key: indicatorKey,
    label: z.string(),
    numerator: z.number(),
    denominator: z.number(),
    value: z.number().nullable(),
    points: z.number().nullable(),
    weight: z.number(),
    evidence: z.array(z.object({ type: z.enum(['task', 'catalog_resource', 'sharing_request', 'sharing_grant']), id: z.string() })),
    exceptions: z.array(z.object({ type: z.enum(['task', 'catalog_resource', 'sharing_request', 'sharing_grant']), id: z.string() })),
  }),
);

export const departmentAssessmentSchema = named(
  'DepartmentAssessment',
  z.object({
    year: z.number().int(),
    phase: z.enum(ASSESSMENT_PHASES),
    subjectId: id,
    department: z.object({ id, code: z.string(), name: z.string() }),
    targets: z.array(
      z.object({
        round: z.number().int(),
        areas: targetAreasSchema,
        filedBy: id,
        filer: namedRefSchema.optional(),
        filedAt: isoTime.optional(),
        reviewOutcome: z.enum(['confirm', 'return']).optional(),
        reviewComment: z.string().optional(),
        reviewedBy: id.optional(),
        reviewer: namedRefSchema.optional(),
        reviewedAt: isoTime.optional(),
        filingSeq: z.number().int().optional(),
      }),
    ),
    targetsConfirmed: z.boolean(),
    snapshot: z
      .object({
        periodFrom: isoTime.optional(),
        periodTo: isoTime.optional(),
        takenAt: isoTime.optional(),
        targets: z.object({ round: z.number().int(), areas: targetAreasSchema, reviewOutcome: z.string().nullable() }).optional(),
        indicators: z.array(indicatorSchema),
        comment: z.string().optional(),
        commentedBy: id.optional(),
        commenter: namedRefSchema.optional(),
        commentedAt: isoTime.optional(),
      })
      .nullish(),
    scorecard: z
      .object({
        periodFrom: isoTime.optional(),
        periodTo: isoTime.optional(),
        computedAt: isoTime.optional(),
        total: z.number().nullable(),
        indicators: z.array(indicatorSchema),
      })
      .nullish(),
    adjustments: z.array(
      z.object({
        id,
        indicator: indicatorKey.optional(),
        total: z.literal(true).optional(),
        previousPoints: z.number().nullable(),
        points: z.number(),
        reason: z.string(),
        adjustedBy: id,
        adjuster: namedRefSchema.optional(),
        at: isoTime.optional(),
      }),
    ),
    appeal: z
      .object({
        reasons: z.string(),
        filedBy: id,
        filer: namedRefSchema.optional(),
        filedAt: isoTime.optional(),
        status: z.enum(['pending', 'upheld', 'amended']),
        amendedPoints: z.number().optional(),
        decisionComment: z.string().optional(),
        decidedBy: id.optional(),
        decider: namedRefSchema.optional(),
        decidedAt: isoTime.optional(),
      })
      .nullish(),
    appealClosesAt: isoTime.optional(),
    currentScore: z.number().nullable(),
    finalScore: z.number().nullish(),
    rank: z.number().int().nullish(),
  }),
);

export const appealResultSchema = named('AppealResult', departmentAssessmentSchema.extend({ state: processStateSchema }));

export const assessmentResultsSchema = named(
  'AssessmentResults',
  z.object({
    year: z.number().int(),
    publishedAt: isoTime.optional(),
    filingSeq: z.number().int().optional(),
    items: z.array(
      z.object({
        rank: z.number().int().nullable(),
        departmentId: id,
        department: namedRefSchema,
        departmentCode: z.string(),
        departmentName: z.string(),
        measuredScore: z.number().nullable(),
        finalScore: z.number().nullable(),
      }),
    ),
    total: z.number().int(),
  }),
);

const iso = (value: Date | null | undefined) => value?.toISOString() ?? undefined;

export function assessmentView(assessment: Assessment, departments: number) {
  return {
    id: assessment.id,
    year: assessment.year,
    phase: assessment.phase,
    departments,
    schedule: {
      periodFrom: iso(assessment.periodFrom),
      targetsDueAt: iso(assessment.targetsDueAt),
      midYearAt: iso(assessment.midYearAt),
      yearEndAt: iso(assessment.yearEndAt),
      appealWindow: assessment.appealWindow ?? 'policy:assessment.appealWindow',
      appealClosesAt: iso(assessment.appealClosesAt),
    },
    weights: assessment.weights,
    workflowId: assessment.workflowId,
    snapshotTakenAt: iso(assessment.snapshotTakenAt),
    scoredAt: iso(assessment.scoredAt),
    publishedAt: iso(assessment.publishedAt),
    resultsFilingSeq: assessment.resultsFilingSeq ?? undefined,
  } satisfies z.infer<typeof assessmentViewSchema>;
}

type UserNames = Pick<DisplayNames, 'user'>;
const userRef = (users: UserNames, id: string | null | undefined) => users.user(id);
const NO_NAMES: UserNames = { user: () => undefined };

function targetView(target: AssessmentTarget, users: UserNames) {
  return {
    round: target.round,
    areas: target.areas,
    filedBy: target.filedBy,
    filer: userRef(users, target.filedBy),
    filedAt: iso(target.filedAt),
    reviewOutcome: target.reviewOutcome ?? undefined,
    reviewComment: target.reviewComment ?? undefined,
    reviewedBy: target.reviewedBy ?? undefined,
    reviewer: userRef(users, target.reviewedBy),
    reviewedAt: iso(target.reviewedAt),
    filingSeq: target.filingSeq ?? undefined,
  };
}

function indicatorView(indicator: StoredIndicator) {
  return { ...indicator, label: INDICATORS[indicator.key].label };
}

/** The people a department's assessment names (filers and reviewers of its targets), for their names to be looked up at once. */
export function assessmentPeople(record: DepartmentAssessmentRecord): string[] {
  const { targets, snapshot, adjustments, appeal } = record;
  return [
    ...targets.flatMap((target) => [target.filedBy, target.reviewedBy]),
    snapshot?.commentedBy,
    ...adjustments.map((adjustment) => adjustment.adjustedBy),
    appeal?.filedBy,
    appeal?.decidedBy,
  ].filter((id): id is string => !!id);
}

export function departmentAssessmentView(record: DepartmentAssessmentRecord, users: UserNames = NO_NAMES) {
  const { assessment, participant, department, targets, snapshot, scorecard, adjustments, appeal } = record;
  const published = assessment.phase === 'published';
  return {
    year: assessment.year,
    phase: assessment.phase,
    subjectId: participant.id,
    department: { id: department.id, code: department.code, name: department.name },
    targets: targets.map((target) => targetView(target, users)),
    targetsConfirmed: targets.some((t) => t.reviewOutcome === 'confirm'),
    snapshot: snapshot && {
      periodFrom: iso(snapshot.periodFrom),
      periodTo: iso(snapshot.periodTo),
      takenAt: iso(snapshot.takenAt),
      targets: snapshot.targets ?? undefined,
      indicators: snapshot.indicators.map(indicatorView),
      comment: snapshot.comment ?? undefined,
      commentedBy: snapshot.commentedBy ?? undefined,
      commenter: userRef(users, snapshot.commentedBy),
      commentedAt: iso(snapshot.commentedAt),
    },
    scorecard: scorecard && {
      periodFrom: iso(scorecard.periodFrom),
      periodTo: iso(scorecard.periodTo),
      computedAt: iso(scorecard.computedAt),
      total: scorecard.total ?? null,
      indicators: scorecard.indicators.map(indicatorView),
    },
    adjustments: adjustments.map((a) => ({
      id: a.id,
      indicator: a.indicator ?? undefined,
      total: a.indicator ? undefined : true,
      previousPoints: a.previousPoints ?? null,
      points: a.points,
      reason: a.reason,
      adjustedBy: a.adjustedBy,
      adjuster: userRef(users, a.adjustedBy),
      at: iso(a.createdAt),
    })),
    appeal: appeal && {
      reasons: appeal.reasons,
      filedBy: appeal.filedBy,
      filer: userRef(users, appeal.filedBy),
      filedAt: iso(appeal.filedAt),
      status: appeal.status,
      amendedPoints: appeal.amendedPoints ?? undefined,
      decisionComment: appeal.decisionComment ?? undefined,
      decidedBy: appeal.decidedBy ?? undefined,
      decider: userRef(users, appeal.decidedBy),
      decidedAt: iso(appeal.decidedAt),
    },
    appealClosesAt: iso(assessment.appealClosesAt),
    currentScore: record.currentScore,
    finalScore: published ? (participant.finalScore ?? null) : undefined,
    rank: published ? (participant.rank ?? null) : undefined,
  } satisfies z.infer<typeof departmentAssessmentSchema>;
}

export function resultsView(
  { assessment, rows }: { assessment: Assessment; rows: { department_id: string; code: string; name: string; final_score: number | null; rank: number | null; total: number | null }[] },
  page: DepartmentRowsPage,
) {
  const ranking = rows.map((row) => ({
    rank: row.rank,
    departmentId: row.department_id,
    department: { id: row.department_id, name: row.name },
    departmentCode: row.code,
    departmentName: row.name,
    measuredScore: row.total,
    finalScore: row.final_score,
  }));
  return {
    year: assessment.year,
    publishedAt: iso(assessment.publishedAt),
    filingSeq: assessment.resultsFilingSeq ?? undefined,
    ...pageOfRows(ranking, page),
  } satisfies z.infer<typeof assessmentResultsSchema>;
}

const common = (record: DepartmentAssessmentRecord) => ({
  year: record.assessment.year,
  department: { name: record.department.name, code: record.department.code },
  renderedAt: new Date().toISOString(),
});

/** 年度考核目标备案表: the latest round, each area with its label, and the review. */
export function targetsDocument(record: DepartmentAssessmentRecord) {
  const latest = record.targets.at(-1);
  if (!latest) throw new NotFoundError(`the department has filed no ${record.assessment.year} targets`);
  return {
    ...common(record),
    round: latest.round,
    rounds: record.targets.length,
    areas: TARGET_AREA_KEYS.map((key) => ({ label: TARGET_AREAS[key], text: latest.areas[key] })),
    filedAt: latest.filedAt.toISOString(),
    dueAt: record.assessment.targetsDueAt.toISOString(),
    confirmed: latest.reviewOutcome === 'confirm',
    returned: latest.reviewOutcome === 'return',
    reviewComment: latest.reviewComment ?? null,
    reviewedAt: latest.reviewedAt?.toISOString() ?? null,
    filingSeq: latest.filingSeq ?? null,
  };
}

/** 年度考核评分表: each indicator's ratio, points, weight and counted records; adjustments, appeal and the score. */
export function scorecardDocument(record: DepartmentAssessmentRecord) {
  const { scorecard, assessment, participant, appeal } = record;
  if (!scorecard) throw new NotFoundError(`the ${assessment.year} scorecards have not been computed yet`);
  return {
    ...common(record),
    periodFrom: scorecard.periodFrom.toISOString(),
    periodTo: scorecard.periodTo.toISOString(),
    indicators: scorecard.indicators.map((i) => ({
      label: INDICATORS[i.key].label,
      description: INDICATORS[i.key].description,
      numerator: i.numerator,
      denominator: i.denominator,
      points: i.points,
      weight: i.weight,
      records: i.evidence.length,
      exceptions: i.exceptions.length,
    })),
    measuredTotal: scorecard.total ?? null,
    adjustments: record.adjustments.map((a) => ({
      target: a.indicator ? INDICATORS[a.indicator].label : '总分',
      previousPoints: a.previousPoints ?? null,
      points: a.points,
      reason: a.reason,
      at: a.createdAt.toISOString(),
    })),
    appeal: appeal && {
      reasons: appeal.reasons,
      status: appeal.status,
      amendedPoints: appeal.amendedPoints ?? null,
      decisionComment: appeal.decisionComment ?? null,
    },
    score: record.currentScore,
    published: assessment.phase === 'published',
    rank: participant.rank ?? null,
  };
}
