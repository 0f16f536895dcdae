import { officialCalendarEntries, officialYears } from './official-calendar.js';

describe('officialCalendarEntries', () => {
  const entries = officialCalendarEntries();
  const byDate = new Map(entries.map((e) => [e.date, e]));

  it('lists the 2025 Spring Festival holidays and its adjusted working days', () => {
    for (const date of ['2025-01-28', '2025-01-31', '2025-02-04']) {
      expect(byDate.get(date)).toEqual({ date, isWorkingDay: false, note: '春节' });
    }
    expect(byDate.get('2025-01-26')).toEqual({
      date: '2025-01-26',
      isWorkingDay: true,
      note: '春节调休上班',
    });
    expect(byDate.get('2025-02-08')).toEqual({
      date: '2025-02-08',
      isWorkingDay: true,
      note: '春节调休上班',
    });
    expect(byDate.has('2025-01-27')).toBe(false);
    expect(byDate.has('2025-02-05')).toBe(false);
  });

  it('lists the 2025 and 2026 National Day periods', () => {
    expect(byDate.get('2025-10-01')).toEqual({ date: '2025-10-01', isWorkingDay: false, note: '国庆节' });
    expect(byDate.get('2025-10-06')).toEqual({ date: '2025-10-06', isWorkingDay: false, note: '中秋' });
    expect(byDate.get('2025-10-08')?.isWorkingDay).toBe(false);
    expect(byDate.get('2025-09-28')).toEqual({
      date: '2025-09-28',
      isWorkingDay: true,
      note: '国庆节调休上班',
    });
    expect(byDate.get('2025-10-11')?.isWorkingDay).toBe(true);
    expect(byDate.get('2026-10-07')?.isWorkingDay).toBe(false);
    expect(byDate.get('2026-09-20')?.isWorkingDay).toBe(true);
    expect(byDate.get('2026-10-10')?.isWorkingDay).toBe(true);
  });

  it('lists the 2026 Spring Festival', () => {
    expect(byDate.get('2026-02-15')?.isWorkingDay).toBe(false);
    expect(byDate.get('2026-02-23')?.isWorkingDay).toBe(false);
    expect(byDate.get('2026-02-14')).toEqual({
      date: '2026-02-14',
      isWorkingDay: true,
      note: '春节调休上班',
    });
    expect(byDate.get('2026-02-28')?.isWorkingDay).toBe(true);
  });

  it('is sorted by date, unique, and starts at fromYear', () => {
    const dates = entries.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
    expect(new Set(dates).size).toBe(dates.length);
    expect(dates[0] >= '2024-01-01').toBe(true);
    expect(dates).toContain('2024-02-10');
    expect(officialCalendarEntries(2025)[0].date >= '2025-01-01').toBe(true);
    expect(officialCalendarEntries(2025).some((e) => e.date === '2024-02-10')).toBe(false);
  });
});

describe('officialYears', () => {
  it('returns the covered years in ascending order', () => {
    const years = officialYears();
    expect(years).toEqual([...years].sort((a, b) => a - b));
    expect(years).toEqual(expect.arrayContaining([2024, 2025, 2026]));
  });
});
