import { officialCalendarEntries } from './official-calendar.js';
import {
  deadlineFrom,
  InvalidPolicyDurationError,
  parsePolicyDuration,
  reminderBefore,
} from './policy-duration.js';
import { workingDayLookup } from './working-days.js';

const isWorkingDay = workingDayLookup(officialCalendarEntries());

describe('parsePolicyDuration', () => {
  it.each([
    ['10wd', { kind: 'working_days', days: 10 }],
    ['1wd', { kind: 'working_days', days: 1 }],
    ['PT2S', { kind: 'elapsed', ms: 2_000 }],
    ['PT5S', { kind: 'elapsed', ms: 5_000 }],
    ['PT0.5S', { kind: 'elapsed', ms: 500 }],
    ['PT1M', { kind: 'elapsed', ms: 60_000 }],
    ['PT1H30M', { kind: 'elapsed', ms: 5_400_000 }],
    ['P3D', { kind: 'elapsed', ms: 259_200_000 }],
    ['P1W', { kind: 'elapsed', ms: 604_800_000 }],
    ['P1DT12H', { kind: 'elapsed', ms: 129_600_000 }],
    ['366wd', { kind: 'working_days', days: 366 }],
    ['P366D', { kind: 'elapsed', ms: 366 * 86_400_000 }],
  ])('parses %s', (value, expected) => {
    expect(parsePolicyDuration(value)).toEqual(expected);
  });

  it.each([
    '',
    ' ',
    '10',
    'wd',
    '0wd',
    '-1wd',
    '1.5wd',
    '010wd',
    '10WD',
    ' 10wd',
    '10 wd',
    'P',
    'PT',
    'P1DT',
    'P0D',
    'PT0S',
    'P0W0DT0H',
    'PT-1S',
    'p1d',
    'P1H',
    'PT1D',
    '1D',
    'P1DT1H1D',
    'P1Y',
    'P1M',
    'P1Y2M3D',
    'P1M1D',
    'P0.5M',
    // Beyond what a policy can mean (at most 366 working days or 366 days).
    '367wd',
    '200000wd',
    '99999999999999999999wd',
    'P367D',
    'P53W',
    'P14350000W',
    'PT8785H',
  ])('rejects %j', (value) => {
    expect(() => parsePolicyDuration(value)).toThrow(InvalidPolicyDurationError);
  });

  it('explains the expected form', () => {
    expect(() => parsePolicyDuration('P1M')).toThrow(
      /"P1M".*"<n>wd".*ISO-8601.*years and months are not accepted/,
    );
    expect(new InvalidPolicyDurationError('x')).toBeInstanceOf(Error);
  });
});

describe('deadlineFrom', () => {
  it('counts working days through the calendar', () => {
    const start = new Date('2025-01-27T02:00:00.000Z');
    expect(deadlineFrom(start, parsePolicyDuration('1wd'), isWorkingDay).toISOString()).toBe(
      '2025-02-05T15:59:59.999Z',
    );
  });

  it('adds elapsed time regardless of holidays', () => {
    const start = new Date('2025-01-27T02:00:00.000Z');
    expect(deadlineFrom(start, parsePolicyDuration('P1DT12H'), isWorkingDay).toISOString()).toBe(
      '2025-01-28T14:00:00.000Z',
    );
    expect(deadlineFrom(start, parsePolicyDuration('PT0.5S'), isWorkingDay).toISOString()).toBe(
      '2025-01-27T02:00:00.500Z',
    );
  });
});

describe('reminderBefore', () => {
  const due = new Date('2025-02-05T15:59:59.999Z');

  it('goes back working days to 09:00 Shanghai', () => {
    expect(reminderBefore(due, parsePolicyDuration('2wd'), isWorkingDay).toISOString()).toBe(
      '2025-01-26T01:00:00.000Z',
    );
  });

  it('subtracts elapsed time', () => {
    expect(reminderBefore(due, parsePolicyDuration('PT1H30M'), isWorkingDay).toISOString()).toBe(
      '2025-02-05T14:29:59.999Z',
    );
  });
});
