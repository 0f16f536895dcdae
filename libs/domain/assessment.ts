import { DEFAULT_INDICATOR_WEIGHTS, INDICATOR_KEYS, round2, weightedScore, type IndicatorKey } from './indicators.js';

/**
 * The annual assessment (seed 000 §四, 六(二)4): 年初备案、年中检查、年终考核. Targets in four areas are
 * filed by 30 April, confirmed by the assessment working group and filed with the supervision office;
 * the year-end score is measured from the platform's records and can be adjusted (with reasons) or
 * amended on appeal before it is published.
 */
export const TARGET_AREAS = {
  basicWork: '信息化基础工作',
  coreBusiness: '核心业务信息化',
  resourceManagement: '政务信息资源管理',
  applicationEffect: '应用效果',
} as const;
export type TargetArea = keyof typeof TARGET_AREAS;
export const TARGET_AREA_KEYS = Object.keys(TARGET_AREAS) as TargetArea[];
export type TargetAreas = Record<TargetArea, string>;

/** targets: filing and confirming; midyear: the snapshot is taken; appeals: scored, appeal window open or appeals pending; published. */
export const ASSESSMENT_PHASES = ['targets', 'midyear', 'appeals', 'published'] as const;
export type AssessmentPhase = (typeof ASSESSMENT_PHASES)[number];

export interface AssessmentSchedule {
  /** Start of the assessed period: 1 January, 00:00 in Shanghai. */
  periodFrom: Date;
  targetsDueAt: Date;
  midYearAt: Date;
  /** End of the year (exclusive end of the scored period) and when scoring runs. */
  yearEndAt: Date;
}

const shanghai = (isoLocal: string) => new Date(`${isoLocal}+08:00`);

/** The calendar of seed 000: targets by 30 April, the mid-year check on 1 July, scoring at the end of 31 December. */
export function defaultSchedule(year: number): AssessmentSchedule {
  return {
    periodFrom: shanghai(`${year}-01-01T00:00:00.000`),
    targetsDueAt: shanghai(`${year}-04-30T23:59:59.999`),
    midYearAt: shanghai(`${year}-07-01T00:00:00.000`),
    yearEndAt: shanghai(`${year}-12-31T23:59:59.999`),
  };
}

/** Why a schedule cannot run, or undefined: its steps must follow one another after the year has begun. */
export function scheduleProblem(schedule: AssessmentSchedule): string | undefined {
  const { periodFrom, targetsDueAt, midYearAt, yearEndAt } = schedule;
  if (!(periodFrom < targetsDueAt)) return 'targetsDueAt must be after the start of the year';
  if (!(targetsDueAt < midYearAt)) return 'midYearAt must be after targetsDueAt';
  if (!(midYearAt < yearEndAt)) return 'yearEndAt must be after midYearAt';
  return undefined;
}

export type IndicatorWeights = Record<IndicatorKey, number>;

/** A weight is a share among the indicators (the defaults sum to 100): 0 leaves an indicator out, none weighs more than the whole. */
export const MAX_INDICATOR_WEIGHT = 100;

/**
 * Weights given for a year replace the defaults key by key: known keys, finite numbers from 0 to 100,
 * and at least one positive weight once merged. Undefined when they are fine.
 */
export function weightsProblem(weights: Record<string, unknown>): string | undefined {
  const unknown = Object.keys(weights).filter((key) => !(INDICATOR_KEYS as string[]).includes(key));
  if (unknown.length > 0) return `unknown indicators: ${unknown.join(', ')}; the indicators are ${INDICATOR_KEYS.join(', ')}`;
  for (const [key, value] of Object.entries(weights)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_INDICATOR_WEIGHT) {
      return `weight of ${key} must be a number from 0 to ${MAX_INDICATOR_WEIGHT}`;
    }
  }
  if (!Object.values({ ...DEFAULT_INDICATOR_WEIGHTS, ...weights }).some((value) => (value as number) > 0)) return 'at least one weight must be positive';
  return undefined;
}

export interface ScoredIndicator {
  key: IndicatorKey;
  points: number | null;
  weight: number;
}

/** A supervisor's adjustment (one indicator's points, or the total) or an amendment on appeal (the total). */
export interface ScoreChange {
  indicator: IndicatorKey | null;
  points: number;
  at: Date;
}

/**
 * The score after adjustments and appeal, applied in the order they were made: an indicator's new
 * points replace the measured ones and the total is recomputed from the weights; a new total
 * (an adjustment of the total, or an appeal amended) stands until a later indicator adjustment.
 */
export function finalScore(indicators: ScoredIndicator[], changes: ScoreChange[]): number | null {
  const points = Object.fromEntries(indicators.map((i) => [i.key, i.points])) as Partial<Record<IndicatorKey, number | null>>;
  const weights = Object.fromEntries(indicators.map((i) => [i.key, i.weight])) as Partial<Record<IndicatorKey, number>>;
  let total: number | null = null;
  for (const change of [...changes].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    if (change.indicator) {
      points[change.indicator] = change.points;
      total = null;
    } else {
      total = change.points;
    }
  }
  return total ?? weightedScore(points, weights);
}

export interface RankedScore {
  departmentId: string;
  score: number | null;
  rank: number | null;
}

/** Highest score first; equal scores share a rank (1, 1, 3); departments without a score are listed last, unranked. */
export function rankScores(scores: { departmentId: string; score: number | null }[], tieBreak: (id: string) => string): RankedScore[] {
  const sorted = [...scores].sort(
    (a, b) => (b.score ?? -Infinity) - (a.score ?? -Infinity) || tieBreak(a.departmentId).localeCompare(tieBreak(b.departmentId)),
  );
  let rank = 0;
  return sorted.map((entry, index) => {
    if (entry.score === null) return { ...entry, rank: null };
    if (index === 0 || sorted[index - 1]!.score !== entry.score) rank = index + 1;
    return { ...entry, score: round2(entry.score), rank };
  });
}
