import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  DEFAULT_INDICATOR_WEIGHTS,
  INDICATORS,
  indicatorPoints,
  weightedScore,
  type IndicatorKey,
  type IndicatorMeasurement,
} from '../domain/indicators.js';
import type { DepartmentLevel } from '../domain/roles.js';
import { IndicatorMeasurements, type Period } from './indicator-measurements.js';

/** How timely a department is (answers, agreements, reports) and how well it keeps its obligations (catalog, updates). */
const TIMELINESS: Partial<Record<IndicatorKey, number>> = { on_time_answers: 2, agreements_on_time: 1, monthly_reports_on_time: 1 };
const COMPLIANCE: Partial<Record<IndicatorKey, number>> = { update_compliance: 2, catalog_completeness: 1 };

export interface IndicatorView {
  key: IndicatorKey;
  label: string;
  numerator: number;
  denominator: number;
  value: number | null;
  points: number | null;
}

export interface DepartmentStanding {
  rank: number;
  departmentId: string;
  code: string;
  name: string;
  level: DepartmentLevel;
  timeliness: number | null;
  compliance: number | null;
  score: number | null;
  indicators: IndicatorView[];
}

export function indicatorView(m: IndicatorMeasurement): IndicatorView {
  return {
    key: m.key,
    label: INDICATORS[m.key].label,
    numerator: m.numerator,
    denominator: m.denominator,
    value: m.value,
    points: indicatorPoints(m),
  };
}

/** Adds up measurements of many departments into one (the city's), keeping no evidence. */
export function cityWide(perDepartment: Iterable<IndicatorMeasurement[]>): IndicatorView[] {
  const totals = new Map<IndicatorKey, { numerator: number; denominator: number }>();
  for (const measurements of perDepartment) {
    for (const m of measurements) {
      const total = totals.get(m.key) ?? { numerator: 0, denominator: 0 };
      totals.set(m.key, { numerator: total.numerator + m.numerator, denominator: total.denominator + m.denominator });
    }
  }
  return [...totals].map(([key, { numerator, denominator }]) =>
    indicatorView({ key, numerator, denominator, value: denominator === 0 ? null : numerator / denominator, evidence: [], exceptions: [] }),
  );
}

/**
 * Every department's standing over a period, best first: the ranking a bulletin (通报) publishes.
 * Departments with nothing to measure come last, in code order.
 */
@Injectable()
export class DepartmentStandings {
  constructor(
    private readonly em: EntityManager,
    private readonly measurements: IndicatorMeasurements,
  ) {}

  async rank(period: Period, levels: readonly DepartmentLevel[] = ['city', 'district']): Promise<DepartmentStanding[]> {
    const departments = await this.em.execute<{ id: string; code: string; name: string; level: DepartmentLevel }[]>(
      `select id, code, name, level from department where level = any(?::text[]) order by code`,
      [`{${levels.join(',')}}`],
    );
    const measured = await this.measurements.measure(period, departments.map((d) => d.id));
    const standings = departments.map((department) => {
      const indicators = measured.get(department.id)!.map(indicatorView);
      const points = Object.fromEntries(indicators.map((i) => [i.key, i.points]));
      return {
        rank: 0,
        departmentId: department.id,
        code: department.code,
        name: department.name,
        level: department.level,
        timeliness: weightedScore(points, TIMELINESS),
        compliance: weightedScore(points, COMPLIANCE),
        score: weightedScore(points, DEFAULT_INDICATOR_WEIGHTS),
        indicators,
      };
    });
    standings.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.code.localeCompare(b.code));
    standings.forEach((standing, index) => (standing.rank = index + 1));
    return standings;
  }
}
