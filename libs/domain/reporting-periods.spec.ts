import { daysPeriod, monthlyReportDueAt, monthOf, monthPeriod, monthsBetween, nextMonth, periodLabel, startOfShanghaiDay } from './reporting-periods.js';

describe('reporting periods', () => {
  it('takes the month in Asia/Shanghai, not UTC', () => {
    expect(monthOf(new Date('2026-10-31T16:30:00Z'))).toBe('2026-11');
    expect(monthOf(new Date('2026-10-31T15:59:59Z'))).toBe('2026-10');
  });

  it('spans a month from its first Shanghai midnight to the next', () => {
    expect(monthPeriod('2026-12')).toEqual({ from: new Date('2026-11-30T16:00:00Z'), to: new Date('2026-12-31T16:00:00Z') });
    expect(nextMonth('2026-12')).toBe('2027-01');
  });

  it('makes the report due at the end of the 25th', () => {
    expect(monthlyReportDueAt('2026-02').toISOString()).toBe('2026-02-25T15:59:59.999Z');
  });

  it('lists months across a year end', () => {
    expect(monthsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
  });
});

describe('period labels', () => {
  it('names a calendar month by the month, anything else by its first and last day', () => {
    expect(periodLabel(monthPeriod('2026-11'))).toBe('2026年11月');
    expect(periodLabel(daysPeriod('2026-11-01', '2026-11-15'))).toBe('2026-11-01至2026-11-15');
    expect(periodLabel(daysPeriod('2026-11-22', '2026-11-22'))).toBe('2026-11-22至2026-11-22');
  });

  it('starts a day at Shanghai midnight', () => {
    expect(startOfShanghaiDay(new Date('2026-11-21T17:00:00Z')).toISOString()).toBe('2026-11-21T16:00:00.000Z');
  });
});
