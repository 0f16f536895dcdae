import { officialCalendarEntries } from './official-calendar.js';
import { statutoryHolidays } from './statutory-holidays.js';

const official = new Map(officialCalendarEntries(2025).map((entry) => [entry.date, entry.isWorkingDay]));
const offDays = (year: number) => statutoryHolidays(year).map((day) => day.date);

describe('statutoryHolidays', () => {
  it.each([2025, 2026])('gives off in %i only days the published arrangement also gives off', (year) => {
    const days = statutoryHolidays(year);
    // 13 holiday days by law (元旦1, 春节4, 清明1, 劳动节2, 端午1, 中秋1, 国庆3) plus their make-up days.
    expect(days.filter((day) => day.kind === 'holiday')).toHaveLength(13);
    for (const day of days) {
      expect({ date: day.date, officiallyWorking: official.get(day.date) }).toEqual({ date: day.date, officiallyWorking: false });
    }
  });

  it('computes 2026 from the lunar calendar and the solar terms', () => {
    const byDate = new Map(statutoryHolidays(2026).map((day) => [day.date, day]));
    // 除夕 is Monday 16 February 2026; 正月初一至初三 17–19 February.
    for (const date of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19']) expect(byDate.get(date)?.holiday).toBe('春节');
    expect(byDate.get('2026-04-05')).toMatchObject({ holiday: '清明', kind: 'holiday' }); // a Sunday…
    expect(byDate.get('2026-04-06')).toMatchObject({ holiday: '清明', kind: 'makeup', note: '清明补假' }); // …made up on Monday
    expect(byDate.get('2026-06-19')?.holiday).toBe('端午');
    expect(byDate.get('2026-09-25')?.holiday).toBe('中秋');
    expect(byDate.get('2026-10-05')).toMatchObject({ holiday: '国庆节', kind: 'makeup' }); // 3 Oct is a Saturday
  });

  it('sets 2027 by the law: New Year’s Day, the Spring Festival with its make-up days, National Day', () => {
    expect(offDays(2027)).toEqual([
      '2027-01-01', // 元旦, a Friday
      '2027-02-05', // 除夕 (Friday)
      '2027-02-06', // 正月初一 (Saturday)
      '2027-02-07', // 初二 (Sunday)
      '2027-02-08', // 初三 (Monday)
      '2027-02-09', // 补假 for the Saturday
      '2027-02-10', // 补假 for the Sunday
      '2027-04-05', // 清明 (Monday)
      '2027-05-01', // 劳动节 (Saturday)
      '2027-05-02', // (Sunday)
      '2027-05-03', // 补假
      '2027-05-04', // 补假
      '2027-06-09', // 端午 (Wednesday)
      '2027-09-15', // 中秋 (Wednesday)
      '2027-10-01', // 国庆节 (Friday)
      '2027-10-02',
      '2027-10-03',
      '2027-10-04', // 补假
      '2027-10-05', // 补假
    ]);
  });

  it('makes up a holiday that another holiday takes (中秋 on National Day)', () => {
    // 2031: 八月十五 is Wednesday 1 October, the first day of National Day.
    const october = statutoryHolidays(2031).filter((day) => day.date.startsWith('2031-10'));
    expect(october.filter((day) => day.kind === 'holiday').map((day) => day.date)).toEqual(['2031-10-01', '2031-10-02', '2031-10-03']);
    // One day made up, on the first working day after the holiday and the weekend: Monday 6 October.
    expect(october.filter((day) => day.kind === 'makeup')).toEqual([{ date: '2031-10-06', holiday: '中秋', kind: 'makeup', note: '中秋补假' }]);
  });

  it('knows nothing before the amended law took effect or beyond the calendar', () => {
    expect(statutoryHolidays(2024)).toEqual([]);
    expect(statutoryHolidays(2100)).toEqual([]);
    expect(statutoryHolidays(2030.5)).toEqual([]);
  });
});
