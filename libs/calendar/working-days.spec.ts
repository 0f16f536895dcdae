import { officialCalendarEntries } from './official-calendar.js';
import {
  addDaysIso,
  addWorkingDays,
  shanghaiDate,
  weekdayRule,
  workingDayLookup,
  workingDaysBefore,
} from './working-days.js';

const isWorkingDay = workingDayLookup(officialCalendarEntries());
const deadline = (from: string, n: number) => addWorkingDays(new Date(from), n, isWorkingDay).toISOString();
const reminder = (due: string, n: number) => workingDaysBefore(new Date(due), n, isWorkingDay).toISOString();

describe('date helpers', () => {
  it('shanghaiDate uses UTC+08:00', () => {
    expect(shanghaiDate(new Date('2025-01-26T15:59:59.999Z'))).toBe('2025-01-26');
    expect(shanghaiDate(new Date('2025-01-26T16:00:00.000Z'))).toBe('2025-01-27');
  });

  it('addDaysIso crosses month, leap-day and year boundaries', () => {
    expect(addDaysIso('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDaysIso('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDaysIso('2025-12-31', 1)).toBe('2026-01-01');
    expect(() => addDaysIso('2025-02-30', 1)).toThrow(RangeError);
  });

  it('weekdayRule treats Mon–Fri as working days', () => {
    expect(weekdayRule('2025-01-27')).toBe(true); // Mon
    expect(weekdayRule('2025-01-31')).toBe(true); // Fri
    expect(weekdayRule('2025-02-08')).toBe(false); // Sat
    expect(weekdayRule('2025-01-26')).toBe(false); // Sun
  });

  it('official lookup overrides the weekday rule', () => {
    expect(isWorkingDay('2025-01-26')).toBe(true); // adjusted Sunday
    expect(isWorkingDay('2025-01-28')).toBe(false); // Tuesday in Spring Festival
    expect(isWorkingDay('2025-03-03')).toBe(true); // ordinary Monday
    expect(isWorkingDay('2025-03-08')).toBe(false); // ordinary Saturday
  });
});

describe('addWorkingDays', () => {
  it('skips the 2025 Spring Festival', () => {
    expect(deadline('2025-01-27T02:00:00.000Z', 1)).toBe('2025-02-05T15:59:59.999Z');
  });

  it('never counts the event day itself, even right at its start or end', () => {
    expect(deadline('2025-03-02T16:00:00.000Z', 1)).toBe('2025-03-04T15:59:59.999Z'); // Mon 03-03 00:00 +08
    expect(deadline('2025-03-03T15:59:59.999Z', 1)).toBe('2025-03-04T15:59:59.999Z'); // Mon 03-03 23:59 +08
  });

  it('uses the Shanghai calendar day of an evening-UTC event', () => {
    // Sun 2025-01-26 23:59 in Shanghai: next working day is Mon 01-27.
    expect(deadline('2025-01-26T15:59:59.999Z', 1)).toBe('2025-01-27T15:59:59.999Z');
    // Same UTC date, but already Mon 01-27 00:30 in Shanghai: next working day is 02-05.
    expect(deadline('2025-01-26T16:30:00.000Z', 1)).toBe('2025-02-05T15:59:59.999Z');
  });

  it('counts adjusted weekend working days', () => {
    expect(deadline('2025-01-24T03:00:00.000Z', 1)).toBe('2025-01-26T15:59:59.999Z'); // Fri -> Sun 01-26
    expect(deadline('2025-01-24T03:00:00.000Z', 3)).toBe('2025-02-05T15:59:59.999Z');
    expect(deadline('2025-02-07T03:00:00.000Z', 1)).toBe('2025-02-08T15:59:59.999Z'); // Fri -> Sat 02-08
    expect(deadline('2026-02-13T03:00:00.000Z', 1)).toBe('2026-02-14T15:59:59.999Z'); // Fri -> Sat 02-14
    expect(deadline('2026-02-13T03:00:00.000Z', 2)).toBe('2026-02-24T15:59:59.999Z');
    expect(deadline('2026-02-27T03:00:00.000Z', 1)).toBe('2026-02-28T15:59:59.999Z'); // Fri -> Sat 02-28
  });

  it('spans National Day with 10 working days', () => {
    // 2025: 09-28(Sun),29,30, [10-01..08], 09,10,11(Sat),13,14,15,16
    expect(deadline('2025-09-26T03:00:00.000Z', 10)).toBe('2025-10-16T15:59:59.999Z');
    // 2026: 09-20(Sun),21,22,23,24, [09-25..27 中秋], 28,29,30, [10-01..07], 08,09
    expect(deadline('2026-09-18T03:00:00.000Z', 10)).toBe('2026-10-09T15:59:59.999Z');
  });

  it('rejects non-positive or non-integer counts', () => {
    for (const n of [0, -1, 1.5, NaN, Infinity]) {
      expect(() => addWorkingDays(new Date('2025-03-03T00:00:00Z'), n, isWorkingDay)).toThrow(RangeError);
    }
  });

  it('fails instead of looping when no working day exists', () => {
    expect(() => addWorkingDays(new Date('2025-03-03T00:00:00Z'), 1, () => false)).toThrow(/No working day/);
  });
});

describe('workingDaysBefore', () => {
  it('returns 09:00 Shanghai of the n-th working day before the due day', () => {
    expect(reminder('2025-02-05T15:59:59.999Z', 1)).toBe('2025-01-27T01:00:00.000Z');
    expect(reminder('2025-02-05T15:59:59.999Z', 2)).toBe('2025-01-26T01:00:00.000Z'); // adjusted Sunday
    expect(reminder('2025-10-09T15:59:59.999Z', 1)).toBe('2025-09-30T01:00:00.000Z');
    expect(reminder('2025-10-09T15:59:59.999Z', 3)).toBe('2025-09-28T01:00:00.000Z');
  });

  it('uses the Shanghai calendar day of the due instant', () => {
    expect(reminder('2025-10-08T16:00:00.000Z', 1)).toBe('2025-09-30T01:00:00.000Z'); // 10-09 00:00 +08
    expect(reminder('2025-10-08T15:59:59.999Z', 1)).toBe('2025-09-30T01:00:00.000Z'); // 10-08 (holiday) 23:59 +08
    expect(reminder('2025-03-03T16:00:00.000Z', 1)).toBe('2025-03-03T01:00:00.000Z'); // Tue 03-04 00:00 +08
  });

  it('rejects non-positive or non-integer counts', () => {
    expect(() => workingDaysBefore(new Date('2025-03-03T00:00:00Z'), 0, isWorkingDay)).toThrow(RangeError);
  });
});
