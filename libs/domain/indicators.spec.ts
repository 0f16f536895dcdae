import { DEFAULT_INDICATOR_WEIGHTS, indicatorPoints, measurement, weightedScore } from './indicators.js';

describe('indicator points', () => {
  it('turns a ratio into points out of 100, inverted where less is better', () => {
    expect(indicatorPoints(measurement('on_time_answers', 3, 4))).toBe(75);
    expect(indicatorPoints(measurement('refusals_overturned', 1, 4))).toBe(75);
    expect(indicatorPoints(measurement('feedback_given', 0, 0))).toBeNull();
  });
});

describe('weighted score', () => {
  it('leaves out indicators with nothing to count and rescales the other weights', () => {
    expect(weightedScore({ on_time_answers: 50, catalog_completeness: 100, agreements_on_time: null }, DEFAULT_INDICATOR_WEIGHTS)).toBe(
      Math.round(((50 * 20 + 100 * 15) / 35) * 100) / 100,
    );
  });

  it('is null when nothing applies, and ignores zero weights', () => {
    expect(weightedScore({ on_time_answers: null }, DEFAULT_INDICATOR_WEIGHTS)).toBeNull();
    expect(weightedScore({ on_time_answers: 40, feedback_given: 100 }, { on_time_answers: 1, feedback_given: 0 })).toBe(40);
  });
});
