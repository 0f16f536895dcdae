import type { DepartmentAssessmentRecord } from '../../../../libs/assessment/assessment.service.js';
import type { Assessment, AssessmentTarget, StoredIndicator } from '../../../../libs/database/entities/index.js';
import { TARGET_AREA_KEYS, TARGET_AREAS } from '../../../../libs/domain/assessment.js';
import { NotFoundError } from '../../../../libs/domain/errors.js';
import { INDICATORS } from '../../../../libs/domain/indicators.js';
import { type DepartmentRowsPage, pageOfRows } from '../common/zod.js';

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
  };
}

function targetView(target: AssessmentTarget) {
  return {
    round: target.round,
    areas: target.areas,
    filedBy: target.filedBy,
    filedAt: iso(target.filedAt),
    reviewOutcome: target.reviewOutcome ?? undefined,
    reviewComment: target.reviewComment ?? undefined,
    reviewedBy: target.reviewedBy ?? undefined,
    reviewedAt: iso(target.reviewedAt),
    filingSeq: target.filingSeq ?? undefined,
  };
}

function indicatorView(indicator: StoredIndicator) {
  return { ...indicator, label: INDICATORS[indicator.key].label };
}

export function departmentAssessmentView(record: DepartmentAssessmentRecord) {
  const { assessment, participant, department, targets, snapshot, scorecard, adjustments, appeal } = record;
  const published = assessment.phase === 'published';
  return {
    year: assessment.year,
    phase: assessment.phase,
    subjectId: participant.id,
    department: { id: department.id, code: department.code, name: department.name },
    targets: targets.map(targetView),
    targetsConfirmed: targets.some((t) => t.reviewOutcome === 'confirm'),
    snapshot: snapshot && {
      periodFrom: iso(snapshot.periodFrom),
      periodTo: iso(snapshot.periodTo),
      takenAt: iso(snapshot.takenAt),
      targets: snapshot.targets ?? undefined,
      indicators: snapshot.indicators.map(indicatorView),
      comment: snapshot.comment ?? undefined,
      commentedBy: snapshot.commentedBy ?? undefined,
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
      at: iso(a.createdAt),
    })),
    appeal: appeal && {
      reasons: appeal.reasons,
      filedBy: appeal.filedBy,
      filedAt: iso(appeal.filedAt),
      status: appeal.status,
      amendedPoints: appeal.amendedPoints ?? undefined,
      decisionComment: appeal.decisionComment ?? undefined,
      decidedBy: appeal.decidedBy ?? undefined,
      decidedAt: iso(appeal.decidedAt),
    },
    appealClosesAt: iso(assessment.appealClosesAt),
    currentScore: record.currentScore,
    finalScore: published ? (participant.finalScore ?? null) : undefined,
    rank: published ? (participant.rank ?? null) : undefined,
  };
}

export function resultsView(
  { assessment, rows }: { assessment: Assessment; rows: { department_id: string; code: string; name: string; final_score: number | null; rank: number | null; total: number | null }[] },
  page: DepartmentRowsPage,
) {
  const ranking = rows.map((row) => ({
    rank: row.rank,
    departmentId: row.department_id,
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
  };
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
