import { parsePolicyDuration } from '../calendar/policy-duration.js';
import { officialCalendarEntries } from '../calendar/official-calendar.js';
import { workingDayLookup } from '../calendar/working-days.js';
import {
  dueUpdates,
  floorWindowOfQuarter,
  latestPassedFloorWindow,
  missedUpdates,
  type UpdateObligation,
  type UpdateRuleOptions,
} from './update-obligation.js';

const at = (shanghaiTime: string) => new Date(`${shanghaiTime}+08:00`);
const options: UpdateRuleOptions = {
  intervals: {
    realtime: parsePolicyDuration('P1D'),
    daily: parsePolicyDuration('P1D'),
    weekly: parsePolicyDuration('P7D'),
    monthly: parsePolicyDuration('P31D'),
  },
};
const iso = (due: { rule: string; dueAt: Date; missed: boolean }) => ({ ...due, dueAt: due.dueAt.toISOString() });

describe('the quarterly floor window (seed 003)', () => {
  it('is the first 10 calendar days of the quarter’s first month, Asia/Shanghai', () => {
    const window = floorWindowOfQuarter(at('2026-05-17T12:00:00'));
    expect(window.opensAt.toISOString()).toBe('2026-03-31T16:00:00.000Z');
    expect(window.dueAt.toISOString()).toBe('2026-04-10T15:59:59.999Z');
  });

  it('counts the Shanghai date, not the UTC one, at the edge of a quarter', () => {
    // 1 July 00:30 in Shanghai is still 30 June in UTC.
    expect(floorWindowOfQuarter(at('2026-07-01T00:30:00')).opensAt.toISOString()).toBe('2026-06-30T16:00:00.000Z');
  });

  it('is last quarter’s window until this quarter’s 10th day is over, across a year end', () => {
    expect(latestPassedFloorWindow(at('2026-01-10T23:59:59.999')).dueAt.toISOString()).toBe('2025-10-10T15:59:59.999Z');
    expect(latestPassedFloorWindow(at('2026-01-11T00:00:00')).dueAt.toISOString()).toBe('2026-01-10T15:59:59.999Z');
    expect(latestPassedFloorWindow(at('2026-03-31T12:00:00')).dueAt.toISOString()).toBe('2026-01-10T15:59:59.999Z');
  });
});

describe('due updates of a resource', () => {
  it('a monthly resource updated only on the 20th keeps its frequency but misses the floor, due at the end of the 10th', () => {
    const monthly: UpdateObligation = {
      frequency: 'monthly',
      publishedAt: at('2025-12-20T09:00:00'),
      updates: [at('2026-01-20T10:00:00'), at('2026-02-20T10:00:00'), at('2026-03-20T10:00:00')],
    };
    expect(dueUpdates(monthly, at('2026-04-11T08:00:00'), options).map(iso)).toEqual([
      { rule: 'frequency', dueAt: at('2026-04-20T10:00:00').toISOString(), missed: false },
      { rule: 'quarterly_floor', dueAt: '2026-04-10T15:59:59.999Z', missed: true },
    ]);
    // Before the 10th is over nothing is missed yet: the window in force is January's, and January was missed too.
    expect(missedUpdates(monthly, at('2026-04-10T23:00:00'), options).map(iso)).toEqual([
      { rule: 'quarterly_floor', dueAt: '2026-01-10T15:59:59.999Z', missed: true },
    ]);
  });

  it('the same resource also updated on 8 April meets the floor', () => {
    const monthly: UpdateObligation = {
      frequency: 'monthly',
      publishedAt: at('2025-12-20T09:00:00'),
      updates: [at('2026-03-20T10:00:00'), at('2026-04-08T16:00:00')],
    };
    expect(missedUpdates(monthly, at('2026-04-11T08:00:00'), options)).toEqual([]);
  });

  it('an update at the last millisecond of the 10th counts; one on the 11th is late', () => {
    const base = { frequency: 'quarterly' as const, publishedAt: at('2026-02-01T09:00:00') };
    expect(missedUpdates({ ...base, updates: [at('2026-04-10T23:59:59.999')] }, at('2026-04-12T00:00:00'), options)).toEqual([]);
    expect(missedUpdates({ ...base, updates: [at('2026-04-11T00:00:00')] }, at('2026-04-12T00:00:00'), options).map(iso)).toEqual([
      { rule: 'quarterly_floor', dueAt: '2026-04-10T15:59:59.999Z', missed: true },
    ]);
  });

  it('a quarterly resource answers to the floor only; publication inside the window meets it', () => {
    const quarterly: UpdateObligation = { frequency: 'quarterly', publishedAt: at('2026-04-03T15:00:00'), updates: [] };
    expect(dueUpdates(quarterly, at('2026-06-30T12:00:00'), options).map(iso)).toEqual([
      { rule: 'quarterly_floor', dueAt: '2026-04-10T15:59:59.999Z', missed: false },
    ]);
    expect(missedUpdates(quarterly, at('2026-07-11T00:00:01'), options).map(iso)).toEqual([
      { rule: 'quarterly_floor', dueAt: '2026-07-10T15:59:59.999Z', missed: true },
    ]);
  });

  it('a window that closed before publication does not apply', () => {
    const late: UpdateObligation = { frequency: 'quarterly', publishedAt: at('2026-04-15T09:00:00'), updates: [] };
    expect(dueUpdates(late, at('2026-05-01T09:00:00'), options)).toEqual([]);
  });

  it('a daily resource is due one interval after its latest update, missed once that has passed', () => {
    const daily: UpdateObligation = {
      frequency: 'daily',
      publishedAt: at('2026-03-02T10:00:00'),
      updates: [at('2026-03-04T09:00:00'), at('2026-03-03T09:00:00')],
    };
    expect(missedUpdates(daily, at('2026-03-05T08:59:59'), options)).toEqual([]);
    expect(missedUpdates(daily, at('2026-03-05T09:00:01'), options).map(iso)).toEqual([
      { rule: 'frequency', dueAt: at('2026-03-05T09:00:00').toISOString(), missed: true },
    ]);
  });

  it('counts from the publication before any update, with a seconds-long interval as the tests use', () => {
    const daily: UpdateObligation = { frequency: 'daily', publishedAt: new Date('2026-11-22T02:00:00.000Z'), updates: [] };
    const short = { intervals: { ...options.intervals, daily: parsePolicyDuration('PT2S') } };
    expect(missedUpdates(daily, new Date('2026-11-22T02:00:01.000Z'), short)).toEqual([]);
    expect(missedUpdates(daily, new Date('2026-11-22T02:00:02.500Z'), short).map(iso)).toEqual([
      { rule: 'frequency', dueAt: '2026-11-22T02:00:02.000Z', missed: true },
    ]);
  });

  it('a daily interval in working days skips the weekend and the National Day holiday', () => {
    const workingDaily = { intervals: { ...options.intervals, daily: parsePolicyDuration('1wd') }, isWorkingDay: workingDayLookup(officialCalendarEntries()) };
    const friday: UpdateObligation = { frequency: 'daily', publishedAt: at('2026-03-02T10:00:00'), updates: [at('2026-03-06T17:00:00')] };
    expect(missedUpdates(friday, at('2026-03-09T20:00:00'), workingDaily)).toEqual([]);
    expect(missedUpdates(friday, at('2026-03-10T00:00:01'), workingDaily).map((due) => due.dueAt.toISOString())).toEqual([
      at('2026-03-09T23:59:59.999').toISOString(),
    ]);
    const beforeHoliday: UpdateObligation = { frequency: 'daily', publishedAt: at('2026-09-29T10:00:00'), updates: [at('2026-09-30T10:00:00')] };
    expect(missedUpdates(beforeHoliday, at('2026-10-05T12:00:00'), workingDaily)).toEqual([]);
  });

  it('a weekly resource with updates every 7 days and one inside each window misses nothing over a year', () => {
    const updates: Date[] = [];
    for (let day = new Date(at('2026-01-05T09:00:00')); day < at('2027-01-01T00:00:00'); day = new Date(day.getTime() + 7 * 86_400_000)) {
      updates.push(day);
    }
    const weekly: UpdateObligation = { frequency: 'weekly', publishedAt: at('2025-12-29T09:00:00'), updates };
    for (const now of ['2026-01-11T00:00:00', '2026-04-11T00:00:00', '2026-07-11T00:00:00', '2026-10-11T00:00:00']) {
      const seen = updates.filter((update) => update <= at(now));
      expect(missedUpdates({ ...weekly, updates: seen }, at(now), options)).toEqual([]);
    }
  });
});
