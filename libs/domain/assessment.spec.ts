import { defaultSchedule, finalScore, rankScores, scheduleProblem, weightsProblem, type ScoredIndicator } from './assessment.js';
import { INDICATOR_KEYS } from './indicators.js';
import { completionProblem } from './task-kinds.js';

describe('assessment schedule', () => {
  it('follows seed 000: targets by 30 April end of day, mid-year on 1 July, scoring at the end of the year, Shanghai time', () => {
    const schedule = defaultSchedule(2026);
    expect(schedule.periodFrom.toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(schedule.targetsDueAt.toISOString()).toBe('2026-04-30T15:59:59.999Z');
    expect(schedule.midYearAt.toISOString()).toBe('2026-06-30T16:00:00.000Z');
    expect(schedule.yearEndAt.toISOString()).toBe('2026-12-31T15:59:59.999Z');
    expect(scheduleProblem(schedule)).toBeUndefined();
  });

  it('refuses steps out of order', () => {
    const schedule = defaultSchedule(2026);
    expect(scheduleProblem({ ...schedule, midYearAt: schedule.targetsDueAt })).toMatch(/midYearAt/);
    expect(scheduleProblem({ ...schedule, yearEndAt: new Date(schedule.midYearAt.getTime() - 1) })).toMatch(/yearEndAt/);
    expect(scheduleProblem({ ...schedule, targetsDueAt: new Date('2025-06-01T00:00:00Z') })).toMatch(/targetsDueAt/);
  });
});

describe('assessment weights', () => {
  it('accepts known indicators with non-negative numbers', () => {
    expect(weightsProblem({ on_time_answers: 30, feedback_given: 0 })).toBeUndefined();
  });

  it('names unknown keys, negative or non-numeric weights, and all-zero weights', () => {
    expect(weightsProblem({ popularity: 10 })).toMatch(/unknown indicators: popularity/);
    expect(weightsProblem({ on_time_answers: -1 })).toMatch(/on_time_answers/);
    expect(weightsProblem({ on_time_answers: '5' })).toMatch(/on_time_answers/);
    expect(weightsProblem({ on_time_answers: 0 })).toBeUndefined();
    expect(weightsProblem({ on_time_answers: 100 })).toBeUndefined();
    expect(weightsProblem({ on_time_answers: 1e308 })).toMatch(/from 0 to 100/);
    expect(weightsProblem({ on_time_answers: 100.5 })).toMatch(/on_time_answers/);
    expect(weightsProblem(Object.fromEntries(INDICATOR_KEYS.map((key) => [key, 0])))).toMatch(/positive/);
  });
});

describe('final score', () => {
  const indicators: ScoredIndicator[] = [
    { key: 'on_time_answers', points: 50, weight: 20 },
    { key: 'catalog_completeness', points: 100, weight: 20 },
    { key: 'feedback_given', points: null, weight: 10 },
  ];
  const at = (second: number) => new Date(Date.UTC(2026, 11, 31, 0, 0, second));

  it('is the weighted score when nothing changed', () => {
    expect(finalScore(indicators, [])).toBe(75);
  });

  it('recomputes the total from an adjusted indicator, and lets a later total stand', () => {
    expect(finalScore(indicators, [{ indicator: 'on_time_answers', points: 100, at: at(1) }])).toBe(100);
    expect(finalScore(indicators, [{ indicator: 'on_time_answers', points: 100, at: at(1) }, { indicator: null, points: 88, at: at(2) }])).toBe(88);
    expect(finalScore(indicators, [{ indicator: null, points: 88, at: at(1) }, { indicator: 'on_time_answers', points: 100, at: at(2) }])).toBe(100);
  });

  it('applies changes in the order they were made, whatever order they are given in', () => {
    expect(finalScore(indicators, [{ indicator: null, points: 60, at: at(3) }, { indicator: null, points: 90, at: at(2) }])).toBe(60);
  });
});

describe('ranking', () => {
  it('ranks the highest first, shares ranks on ties and lists the unscored last without a rank', () => {
    const ranked = rankScores(
      [
        { departmentId: 'c', score: 70 },
        { departmentId: 'a', score: 90 },
        { departmentId: 'x', score: null },
        { departmentId: 'b', score: 90 },
      ],
      (id) => id,
    );
    expect(ranked).toEqual([
      { departmentId: 'a', score: 90, rank: 1 },
      { departmentId: 'b', score: 90, rank: 1 },
      { departmentId: 'c', score: 70, rank: 3 },
      { departmentId: 'x', score: null, rank: null },
    ]);
  });
});

describe('assessment task kinds', () => {
  const areas = { basicWork: '专网全覆盖', coreBusiness: '审批全程网办', resourceManagement: '目录全覆盖', applicationEffect: '群众办事少跑腿' };

  it('requires the four target areas as text', () => {
    expect(completionProblem('target_filing', { outcome: 'submit', payload: areas })).toBeUndefined();
    expect(completionProblem('target_filing', { outcome: 'submit', payload: { ...areas, coreBusiness: '  ' } })).toMatch(/payload.coreBusiness/);
  });

  it('requires reasons and numeric points to amend on appeal', () => {
    expect(completionProblem('appeal_review', { outcome: 'amend', comment: '核实后加分', payload: { points: 91.5 } })).toBeUndefined();
    expect(completionProblem('appeal_review', { outcome: 'amend', comment: '核实后加分', payload: { points: '91' } })).toMatch(/non-negative number/);
    expect(completionProblem('appeal_review', { outcome: 'uphold' })).toMatch(/comment/);
    expect(completionProblem('midyear_review', { outcome: 'comment', comment: ' ' })).toMatch(/comment/);
  });
});
