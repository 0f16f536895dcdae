/**
 * What supervision measures from the platform's own records (seed 001 §三(七), seed 000 §四, seed 003):
 * each indicator is a ratio over a period, its numerator and denominator counted from rows that
 * the measurement names, so that a score can always be traced back to the records behind it.
 */
export const INDICATORS = {
  catalog_completeness: {
    label: '目录完整性',
    description: '已发布资源中核心元数据与数据项说明完整的比例',
    better: 'higher',
  },
  catalog_quality: {
    label: '目录编目质量',
    description: '目录审核一次通过的比例',
    better: 'higher',
  },
  on_time_answers: {
    label: '按时答复',
    description: '共享申请、数据需求、数据异议在时限内答复的比例',
    better: 'higher',
  },
  refusals_overturned: {
    label: '拒绝被纠正',
    description: '拒绝或未答复经协调、领导小组决定须提供的比例',
    better: 'lower',
  },
  agreements_on_time: {
    label: '保密协议按时签署',
    description: '保密协议在时限内签署的比例',
    better: 'higher',
  },
  update_compliance: {
    label: '数据按时更新',
    description: '已发布资源在期内未发生更新逾期的比例',
    better: 'higher',
  },
  monthly_reports_on_time: {
    label: '月报按时报送',
    description: '月度工作进展在每月25日前报送的比例',
    better: 'higher',
  },
  feedback_given: {
    label: '应用效果反馈',
    description: '期内有效的共享授权中已向提供部门反馈应用效果的比例',
    better: 'higher',
  },
  campaign_filings_on_time: {
    label: '报送活动按时报送',
    description: '报送活动（调查表、工作计划、重点项目等）在各阶段时限内报送的比例',
    better: 'higher',
  },
} as const satisfies Record<string, { label: string; description: string; better: 'higher' | 'lower' }>;

export type IndicatorKey = keyof typeof INDICATORS;
export const INDICATOR_KEYS = Object.keys(INDICATORS) as IndicatorKey[];

/** Weights of the year-end score; a year's assessment may set its own (they need not sum to 100). */
export const DEFAULT_INDICATOR_WEIGHTS: Record<IndicatorKey, number> = {
  catalog_completeness: 15,
  catalog_quality: 10,
  on_time_answers: 20,
  refusals_overturned: 10,
  agreements_on_time: 10,
  update_compliance: 15,
  monthly_reports_on_time: 10,
  feedback_given: 10,
  campaign_filings_on_time: 10,
};

/** A subject type and id: the record one unit of an indicator was counted from. */
export interface EvidenceRef {
  type: 'task' | 'catalog_resource' | 'sharing_request' | 'sharing_grant';
  id: string;
}

export interface IndicatorMeasurement {
  key: IndicatorKey;
  numerator: number;
  denominator: number;
  /** numerator / denominator, or null when nothing was there to count. */
  value: number | null;
  /** Every record counted in the denominator. */
  evidence: EvidenceRef[];
  /** The records that count against the department (late, incomplete, overturned, without feedback). */
  exceptions: EvidenceRef[];
}

export function measurement(
  key: IndicatorKey,
  numerator: number,
  denominator: number,
  evidence: EvidenceRef[] = [],
  exceptions: EvidenceRef[] = [],
): IndicatorMeasurement {
  return { key, numerator, denominator, value: denominator === 0 ? null : numerator / denominator, evidence, exceptions };
}

/** Points out of 100 for one measurement; null when it does not apply (nothing to count). */
export function indicatorPoints(m: Pick<IndicatorMeasurement, 'key' | 'value'>): number | null {
  if (m.value === null) return null;
  const share = INDICATORS[m.key].better === 'higher' ? m.value : 1 - m.value;
  return round2(share * 100);
}

/**
 * The weighted score out of 100. Indicators that do not apply to a department (nothing to count)
 * leave the score; the others' weights are scaled up, so nobody is punished or rewarded for having
 * no confidential data or no refusals.
 */
export function weightedScore(
  points: Partial<Record<IndicatorKey, number | null>>,
  weights: Partial<Record<IndicatorKey, number>>,
): number | null {
  let weighted = 0;
  let totalWeight = 0;
  for (const key of INDICATOR_KEYS) {
    const p = points[key];
    const w = weights[key] ?? 0;
    if (p === null || p === undefined || w <= 0) continue;
    weighted += p * w;
    totalWeight += w;
  }
  return totalWeight === 0 ? null : round2(weighted / totalWeight);
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
