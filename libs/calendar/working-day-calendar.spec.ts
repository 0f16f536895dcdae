import { officialCalendarEntries } from './official-calendar.js';
import { deadlineFrom, parsePolicyDuration } from './policy-duration.js';
import { explainWorkingDays, provisionalMark, WorkingDayCalendar, type StoredDay } from './working-day-calendar.js';

const stored: StoredDay[] = officialCalendarEntries(2026).map((entry) => ({ ...entry, source: 'official' }));
const calendar = new WorkingDayCalendar(stored, new Set([2024, 2025, 2026]));

describe('WorkingDayCalendar', () => {
  it('says where each day comes from', () => {
    expect(calendar.day('2026-10-01')).toEqual({ date: '2026-10-01', isWorkingDay: false, note: '国庆节', source: 'official' });
    expect(calendar.day('2026-12-25')).toEqual({ date: '2026-12-25', isWorkingDay: true, note: '', source: 'weekday' });
    expect(calendar.day('2027-01-01')).toEqual({ date: '2027-01-01', isWorkingDay: false, note: '元旦', source: 'statutory' });
    expect(calendar.day('2027-02-09')).toEqual({ date: '2027-02-09', isWorkingDay: false, note: '春节补假', source: 'statutory' });
    expect(calendar.day('2027-01-04').source).toBe('weekday');
  });

  it('lets a manual edit win, with who and when', () => {
    const at = new Date('2026-12-01T02:00:00Z');
    const edited = new WorkingDayCalendar([{ date: '2027-01-04', isWorkingDay: false, note: '临时调整', source: 'manual', updatedBy: 'u1', updatedAt: at }], new Set([2026]));
    expect(edited.day('2027-01-04')).toEqual({ date: '2027-01-04', isWorkingDay: false, note: '临时调整', source: 'manual', updatedBy: 'u1', updatedAt: at.toISOString() });
  });

  it('follows the weekday rule inside an official year for days the arrangement does not list', () => {
    const official2027 = new WorkingDayCalendar([], new Set([2027]));
    expect(official2027.day('2027-01-01')).toEqual({ date: '2027-01-01', isWorkingDay: true, note: '', source: 'weekday' });
  });

  it('counts a deadline set on 24 December 2026 past the statutory New Year’s Day of 2027', () => {
    const from = new Date('2026-12-24T10:00:00+08:00');
    const dueAt = deadlineFrom(from, parsePolicyDuration('10wd'), calendar.isWorkingDay);
    expect(dueAt.toISOString()).toBe('2027-01-08T15:59:59.999Z');
    const { countedDays, skippedDays } = explainWorkingDays(from, dueAt, calendar);
    expect(countedDays).toEqual(['2026-12-25', '2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08']);
    expect(skippedDays).toEqual([
      { date: '2026-12-26', reason: '周末', source: 'weekday' },
      { date: '2026-12-27', reason: '周末', source: 'weekday' },
      { date: '2027-01-01', reason: '元旦', source: 'statutory' },
      { date: '2027-01-02', reason: '周末', source: 'weekday' },
      { date: '2027-01-03', reason: '周末', source: 'weekday' },
    ]);
  });

  it('skips the whole statutory Spring Festival of 2027', () => {
    const dueAt = deadlineFrom(new Date('2027-01-25T10:00:00+08:00'), parsePolicyDuration('10wd'), calendar.isWorkingDay);
    // 26–29 Jan, 1–4 Feb (8 days), then 5–10 Feb off: 11 and 12 Feb.
    expect(dueAt.toISOString()).toBe('2027-02-12T15:59:59.999Z');
  });
});

describe('provisionalMark', () => {
  const provisional = (year: number) => year >= 2027;
  it('marks a working-day deadline whose span touches a provisional year', () => {
    expect(provisionalMark({ from: new Date('2026-12-24T02:00:00Z'), dueAt: new Date('2027-01-08T15:59:59.999Z'), deadlinePolicy: '10wd' }, provisional)).toEqual({
      provisional: true,
      provisionalReason: '2027年节假日安排尚未正式发布，期限暂按法定节假日推算，导入正式安排后将重新计算',
    });
  });

  it('leaves official spans, elapsed durations and fixed times alone', () => {
    expect(provisionalMark({ from: new Date('2026-12-01T02:00:00Z'), dueAt: new Date('2026-12-15T15:59:59.999Z'), deadlinePolicy: '10wd' }, provisional)).toEqual({ provisional: false });
    expect(provisionalMark({ from: new Date('2026-12-24T02:00:00Z'), dueAt: new Date('2027-01-08T02:00:00Z'), deadlinePolicy: 'P15D' }, provisional)).toEqual({ provisional: false });
    expect(provisionalMark({ from: new Date('2026-12-24T02:00:00Z'), dueAt: new Date('2027-03-30T15:59:59.999Z'), deadlinePolicy: 'at 2027-03-30T15:59:59.999Z' }, provisional)).toEqual({ provisional: false });
  });
});
