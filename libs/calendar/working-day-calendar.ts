import { statutoryHolidays } from './statutory-holidays.js';
import { addDaysIso, shanghaiDate, weekdayRule, type IsWorkingDay } from './working-days.js';

/**
 * Where a day's status comes from: `official` a published arrangement (国务院办公厅 notice), `statutory` the
 * law's holidays computed for a year whose arrangement is not published yet, `weekday` the Monday–Friday
 * rule, `manual` an edit through the API.
 */
export type DaySource = 'official' | 'statutory' | 'weekday' | 'manual';

/** A row of `calendar_day`: what the published arrangements and the info office's edits say. */
export interface StoredDay {
  date: string;
  isWorkingDay: boolean;
  note: string;
  source: 'official' | 'manual';
  updatedBy?: string | null;
  updatedAt?: Date;
}

export interface CalendarDayInfo {
  date: string;
  isWorkingDay: boolean;
  note: string;
  source: DaySource;
  /** For a manual edit: who made it and when. */
  updatedBy?: string;
  updatedAt?: string;
}

/**
 * The working-day calendar over the stored days it was built with: a stored day wins (an official arrangement
 * or a manual edit); a day of a year with an official arrangement that lists nothing for it follows the
 * weekday rule; a day of a provisional year is a statutory holiday or follows the weekday rule.
 */
export class WorkingDayCalendar {
  private readonly stored = new Map<string, StoredDay>();

  constructor(
    stored: Iterable<StoredDay>,
    private readonly officialYears: ReadonlySet<number>,
  ) {
    for (const day of stored) this.stored.set(day.date, day);
  }

  readonly isWorkingDay: IsWorkingDay = (date) => this.day(date).isWorkingDay;

  isProvisional(year: number): boolean {
    return !this.officialYears.has(year);
  }

  day(date: string): CalendarDayInfo {
    const stored = this.stored.get(date);
    if (stored) {
      return {
        date,
        isWorkingDay: stored.isWorkingDay,
        note: stored.note,
        source: stored.source,
        ...(stored.source === 'manual' && stored.updatedBy ? { updatedBy: stored.updatedBy } : {}),
        ...(stored.source === 'manual' && stored.updatedAt ? { updatedAt: stored.updatedAt.toISOString() } : {}),
      };
    }
    const year = Number(date.slice(0, 4));
    if (this.isProvisional(year)) {
      const holiday = statutoryHolidayOn(date);
      if (holiday) return { date, isWorkingDay: false, note: holiday, source: 'statutory' };
    }
    return { date, isWorkingDay: weekdayRule(date), note: '', source: 'weekday' };
  }
}

const statutoryByYear = new Map<number, Map<string, string>>();

function statutoryHolidayOn(date: string): string | undefined {
  const year = Number(date.slice(0, 4));
  let days = statutoryByYear.get(year);
  if (!days) {
    days = new Map(statutoryHolidays(year).map((day) => [day.date, day.note]));
    statutoryByYear.set(year, days);
  }
  return days.get(date);
}

export interface ProvisionalMark {
  provisional: boolean;
  /** Why, in the words a person reads beside the due date. */
  provisionalReason?: string;
}

/** A deadline kept as working days ("10wd"); elapsed durations and fixed times do not depend on the calendar. */
export function countsWorkingDays(deadlinePolicy: string): boolean {
  return /^\d+wd$/.test(deadlinePolicy);
}

/**
 * A working-day deadline is provisional while its counted span — the days after its start up to its due day —
 * touches a year whose official arrangement is not published: the statutory holidays stand in for it, and the
 * due date moves when the arrangement is imported.
 */
export function provisionalMark(
  span: { from: Date; dueAt: Date; deadlinePolicy: string },
  isProvisionalYear: (year: number) => boolean,
): ProvisionalMark {
  if (!countsWorkingDays(span.deadlinePolicy)) return { provisional: false };
  const first = Number(shanghaiDate(span.from).slice(0, 4));
  const last = Number(shanghaiDate(span.dueAt).slice(0, 4));
  const years: number[] = [];
  for (let year = first; year <= last; year++) if (isProvisionalYear(year)) years.push(year);
  if (years.length === 0) return { provisional: false };
  return {
    provisional: true,
    provisionalReason: `${years.join('、')}年节假日安排尚未正式发布，期限暂按法定节假日推算，导入正式安排后将重新计算`,
  };
}

export interface DeadlineExplanation {
  /** The working days counted, in order; the last is the due day. */
  countedDays: string[];
  /** The days between the start and the due day that did not count, with why. */
  skippedDays: { date: string; reason: string; source: DaySource }[];
}

/** The days a working-day deadline counted and skipped, so that a person can check it by hand. */
export function explainWorkingDays(from: Date, dueAt: Date, calendar: WorkingDayCalendar): DeadlineExplanation {
  const countedDays: string[] = [];
  const skippedDays: DeadlineExplanation['skippedDays'] = [];
  const last = shanghaiDate(dueAt);
  for (let date = addDaysIso(shanghaiDate(from), 1); date <= last; date = addDaysIso(date, 1)) {
    const day = calendar.day(date);
    if (day.isWorkingDay) countedDays.push(date);
    else skippedDays.push({ date, reason: day.note || '周末', source: day.source });
  }
  return { countedDays, skippedDays };
}
