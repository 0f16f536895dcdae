import { createRequire } from 'node:module';
import { addDaysIso, weekdayRule } from './working-days.js';

/**
 * The holidays every citizen has by law, for any year, computed from the lunar calendar and the solar terms
 * — what the platform counts with until the State Council publishes a year's arrangement (usually in
 * November of the year before).
 *
 * 《全国年节及纪念日放假办法》 as amended on 2024-11-10 (in force from 2025): 元旦 1 Jan; 春节 4 days
 * (农历除夕 and 正月初一至初三); 清明 1 day (the 清明 solar term); 劳动节 1–2 May; 端午 农历五月初五;
 * 中秋 农历八月十五; 国庆节 1–3 Oct. Art. 6: a holiday that falls on a Saturday or Sunday is made up on the
 * following working days (补假). The arrangement's 调休 (weekend working days swapped for longer breaks) is a
 * decision of each year's notice, not of the law, so it is never guessed here.
 */
export const STATUTORY_RULE_FIRST_YEAR = 2025;
/** chinese-days converts lunar dates for 1900–2100; the platform's calendar covers this century. */
export const CALENDAR_FIRST_YEAR = 2000;
export const CALENDAR_LAST_YEAR = 2099;

export interface StatutoryDay {
  date: string;
  /** The holiday, as the official notices name it (元旦, 春节, 清明, 劳动节, 端午, 中秋, 国庆节). */
  holiday: string;
  /** `makeup`: a working day given off because a holiday fell on a weekend or on another holiday (补假). */
  kind: 'holiday' | 'makeup';
  note: string;
}

interface LunarCalendar {
  getSolarDateFromLunar(lunarDate: string): { date: string };
  getSolarTerms(start: string, end: string): { date: string; name: string }[];
}

// chinese-days is CommonJS; createRequire loads it the same way under Node ESM and Jest.
const lunar: LunarCalendar = createRequire(import.meta.url)('chinese-days');

const cache = new Map<number, readonly StatutoryDay[]>();

/** The statutory holidays of `year` and their make-up days, sorted by date; none outside the law's years. */
export function statutoryHolidays(year: number): readonly StatutoryDay[] {
  if (!Number.isInteger(year) || year < STATUTORY_RULE_FIRST_YEAR || year > CALENDAR_LAST_YEAR) return [];
  let days = cache.get(year);
  if (!days) {
    days = computeYear(year);
    cache.set(year, days);
  }
  return days;
}

function computeYear(year: number): StatutoryDay[] {
  const newYear = lunar.getSolarDateFromLunar(`${year}-01-01`).date;
  const qingming = lunar.getSolarTerms(`${year}-04-01`, `${year}-04-10`).find((term) => term.name === '清明');
  if (!qingming) throw new Error(`no 清明 solar term found in April ${year}`);
  const festivals: [string, string[]][] = [
    ['元旦', [`${year}-01-01`]],
    ['春节', [addDaysIso(newYear, -1), newYear, addDaysIso(newYear, 1), addDaysIso(newYear, 2)]],
    ['清明', [qingming.date]],
    ['劳动节', [`${year}-05-01`, `${year}-05-02`]],
    ['端午', [lunar.getSolarDateFromLunar(`${year}-05-05`).date]],
    // National Day first: when 中秋 falls on it, the day is shown as 国庆节 and 中秋 is the one made up.
    ['国庆节', [`${year}-10-01`, `${year}-10-02`, `${year}-10-03`]],
    ['中秋', [lunar.getSolarDateFromLunar(`${year}-08-15`).date]],
  ];

  const holidays = new Map<string, string>();
  // A holiday day that is not a working day anyway: a weekend, or a date another holiday already takes
  // (中秋 on 1 October, as in 2001 and 2020). Each is made up on a following working day.
  const toMakeUp: { date: string; holiday: string }[] = [];
  for (const [holiday, dates] of festivals) {
    for (const date of dates) {
      if (holidays.has(date) || !weekdayRule(date)) toMakeUp.push({ date, holiday });
      if (!holidays.has(date)) holidays.set(date, holiday);
    }
  }

  const makeups = new Map<string, string>();
  for (const { date, holiday } of toMakeUp.sort((a, b) => a.date.localeCompare(b.date))) {
    let candidate = addDaysIso(date, 1);
    while (!weekdayRule(candidate) || holidays.has(candidate) || makeups.has(candidate)) candidate = addDaysIso(candidate, 1);
    makeups.set(candidate, holiday);
  }

  return [
    ...[...holidays].map(([date, holiday]) => ({ date, holiday, kind: 'holiday' as const, note: holiday })),
    ...[...makeups].map(([date, holiday]) => ({ date, holiday, kind: 'makeup' as const, note: `${holiday}补假` })),
  ].sort((a, b) => a.date.localeCompare(b.date));
}
