import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { InvalidInputError, RuleViolationError } from '../domain/errors.js';
import { arrangementDays, arrangementHash, arrangementProblems, assertValidArrangement, parseIcsArrangement, parseJsonArrangement, type HolidayArrangement } from './arrangement.js';
import { officialCalendarEntries } from './official-calendar.js';

const arrangement2027: HolidayArrangement = {
  reference: '国办发明电〔2026〕9号',
  holidays: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
    { name: '春节', from: '2027-02-05', to: '2027-02-13' },
  ],
  workdays: [{ name: '春节', date: '2027-02-14' }],
};

const ics = (events: string[], header = '') =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', header, ...events, 'END:VCALENDAR'].filter(Boolean).join('\r\n');
const event = (from: string, to: string, summary: string) =>
  ['BEGIN:VEVENT', `DTSTART;VALUE=DATE:${from}`, `DTEND;VALUE=DATE:${to}`, `SUMMARY:${summary}`, 'END:VEVENT'].join('\r\n');

describe('the JSON arrangement', () => {
  it('reads the notice and lists its days', () => {
    const parsed = parseJsonArrangement(arrangement2027);
    expect(arrangementProblems(2027, parsed)).toEqual([]);
    const days = arrangementDays(parsed);
    expect(days).toHaveLength(13);
    expect(days.find((day) => day.date === '2027-02-14')).toEqual({ date: '2027-02-14', isWorkingDay: true, note: '春节调休上班' });
    expect(days.find((day) => day.date === '2027-02-09')).toEqual({ date: '2027-02-09', isWorkingDay: false, note: '春节' });
  });

  it('refuses malformed input as a whole (400) with the field', () => {
    for (const bad of [null, {}, { ...arrangement2027, reference: '' }, { ...arrangement2027, holidays: [] }, { ...arrangement2027, holidays: [{ name: '元旦', from: '2027-1-1', to: '2027-01-01' }] }, { ...arrangement2027, extra: 1 }]) {
      expect(() => parseJsonArrangement(bad)).toThrow(InvalidInputError);
    }
    try {
      parseJsonArrangement({ ...arrangement2027, workdays: [{ name: '春节', date: 'soon' }] });
    } catch (error) {
      expect((error as InvalidInputError).errors).toEqual([{ field: 'workdays.0.date', message: 'expected YYYY-MM-DD' }]);
    }
  });
});

describe('arrangementProblems', () => {
  const problems = (change: Partial<HolidayArrangement>) => arrangementProblems(2027, { ...arrangement2027, ...change }).map((p) => p.field);

  it('refuses dates outside the year, impossible dates and reversed periods', () => {
    expect(problems({ holidays: [{ name: '元旦', from: '2026-12-31', to: '2027-01-01' }] })).toEqual(['holidays.0.from']);
    expect(problems({ holidays: [{ name: '春节', from: '2027-02-30', to: '2027-03-01' }] })).toEqual(['holidays.0.from']);
    expect(problems({ holidays: [{ name: '春节', from: '2027-02-13', to: '2027-02-05' }] })).toEqual(['holidays.0']);
    expect(problems({ workdays: [{ name: '春节', date: '2028-02-14' }] })).toEqual(['workdays.0.date']);
  });

  it('refuses overlapping periods and a day marked both ways or twice', () => {
    expect(problems({ holidays: [...arrangement2027.holidays, { name: '调整', from: '2027-02-12', to: '2027-02-13' }] })).toEqual(['holidays.2', 'holidays.2']);
    expect(problems({ workdays: [{ name: '春节', date: '2027-02-06' }] })).toEqual(['workdays.0.date']);
    expect(problems({ workdays: [{ name: '春节', date: '2027-02-14' }, { name: '春节', date: '2027-02-14' }] })).toEqual(['workdays.1.date']);
  });

  it('refuses an adjusted working day on a weekday', () => {
    expect(problems({ workdays: [{ name: '春节', date: '2027-02-15' }] })).toEqual(['workdays.0.date']);
  });

  it('throws a 422 listing every problem', () => {
    expect(() => assertValidArrangement(2028, arrangement2027)).toThrow(RuleViolationError);
  });

  it('accepts the published 2025 and 2026 arrangements', () => {
    for (const year of [2025, 2026]) {
      const entries = officialCalendarEntries(year).filter((e) => e.date.startsWith(`${year}-`));
      const arrangement: HolidayArrangement = {
        reference: 'x',
        holidays: entries.filter((e) => !e.isWorkingDay).map((e) => ({ name: e.note, from: e.date, to: e.date })),
        workdays: entries.filter((e) => e.isWorkingDay).map((e) => ({ name: e.note, date: e.date })),
      };
      expect(arrangementProblems(year, arrangement)).toEqual([]);
    }
  });
});

describe('the .ics arrangement', () => {
  it('reads holiday periods (DTEND exclusive) and adjusted working days', () => {
    const parsed = parseIcsArrangement(
      ics([event('20270101', '20270104', '元旦(休)'), event('20270205', '20270214', '春节（休）'), event('20270214', '20270215', '春节(班)')], 'X-GOV-REFERENCE:国办发明电〔2026〕9号'),
    );
    expect(parsed).toEqual(arrangement2027);
    expect(arrangementHash(parsed)).toBe(arrangementHash(arrangement2027));
  });

  it('takes the reference from the upload when the file has none, and unfolds long lines', () => {
    const folded = ics(['BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20270101', 'DTEND;VALUE=DATE:20270102', 'SUMMARY:元', ' 旦(休)', 'END:VEVENT']);
    expect(parseIcsArrangement(folded, { reference: 'R' })).toEqual({ reference: 'R', holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-01' }], workdays: [] });
  });

  it('reads the feed chinese-days publishes', () => {
    const text = readFileSync(createRequire(import.meta.url).resolve('chinese-days/dist/holidays.ics'), 'utf8');
    const parsed = parseIcsArrangement(text, { reference: '国办发明电〔2025〕7号' });
    const year2026 = { ...parsed, holidays: parsed.holidays.filter((h) => h.from.startsWith('2026')), workdays: parsed.workdays.filter((w) => w.date.startsWith('2026')) };
    expect(arrangementProblems(2026, year2026)).toEqual([]);
    const official = new Map(officialCalendarEntries(2026).filter((e) => e.date.startsWith('2026')).map((e) => [e.date, e.isWorkingDay]));
    expect(new Map(arrangementDays(year2026).map((d) => [d.date, d.isWorkingDay]))).toEqual(official);
  });

  it('refuses what is not an all-day iCalendar', () => {
    expect(() => parseIcsArrangement('hello', { reference: 'R' })).toThrow(/BEGIN:VCALENDAR/);
    expect(() => parseIcsArrangement(ics([event('20270101', '20270102', '元旦(休)')]))).toThrow(InvalidInputError); // no reference
    expect(() => parseIcsArrangement(ics(['BEGIN:VEVENT', 'DTSTART:20270101T000000Z', 'SUMMARY:元旦', 'END:VEVENT']), { reference: 'R' })).toThrow(/all-day/);
    expect(() => parseIcsArrangement(ics(['BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20270230', 'SUMMARY:元旦', 'END:VEVENT']), { reference: 'R' })).toThrow(/not a calendar date/);
    expect(() => parseIcsArrangement(ics(['BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20270101']), { reference: 'R' })).toThrow(/END:VEVENT/);
  });
});
