import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { CalendarDay, CalendarYear } from '../database/entities/index.js';
import { InvalidInputError, RuleViolationError } from '../domain/errors.js';
import { deadlineFrom, InvalidPolicyDurationError, parsePolicyDuration, reminderBefore, type PolicyDuration } from './policy-duration.js';
import { CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR } from './statutory-holidays.js';
import {
  explainWorkingDays,
  provisionalMark,
  WorkingDayCalendar,
  type CalendarDayInfo,
  type DeadlineExplanation,
  type ProvisionalMark,
} from './working-day-calendar.js';
import { addDaysIso, shanghaiDate, weekdayRule } from './working-days.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/**
 * Calendar days read for one deadline: the longest duration a policy may give (366 working days) spans
 * about 530 calendar days with every holiday; the rest is margin.
 */
const LOOKUP_WINDOW_DAYS = 800;

export type CalendarDayView = CalendarDayInfo;

export interface CalendarYearView {
  year: number;
  status: 'official' | 'provisional';
  /** For an official year: the notice's reference (文号) and title, and when it was imported. */
  reference?: string;
  title?: string;
  importedAt?: string;
}

export interface DeadlineView extends ProvisionalMark, Partial<DeadlineExplanation> {
  dueAt: string;
}

/** Answers whether a deadline's span touches a provisional year, for views that show many deadlines. */
export type ProvisionalMarker = (span: { from: Date; dueAt: Date; deadlinePolicy: string }) => ProvisionalMark;

/** The working-day calendar stored in Postgres, and the one place deadlines are computed from it. */
@Injectable()
export class CalendarService {
  constructor(private readonly em: EntityManager) {}

  async days(from: string, to: string): Promise<CalendarDayView[]> {
    assertCalendarDate(from, 'from');
    assertCalendarDate(to, 'to');
    if (from > to) throw new InvalidInputError('from must not be after to', [{ field: 'from', message: 'after to' }]);
    if (addDaysIso(from, 366) < to) throw new InvalidInputError('at most 366 days at a time', [{ field: 'to', message: 'more than 366 days after from' }]);
    const calendar = await this.calendarBetween(from, to);
    const result: CalendarDayView[] = [];
    for (let date = from; date <= to; date = addDaysIso(date, 1)) result.push(calendar.day(date));
    return result;
  }

  /** Every year from the first official one to the year after next: official with its notice, or provisional. */
  async years(now = new Date()): Promise<CalendarYearView[]> {
    const official = new Map((await this.em.find(CalendarYear, {}, { orderBy: { year: 'asc' } })).map((year) => [year.year, year]));
    const thisYear = Number(shanghaiDate(now).slice(0, 4));
    const first = Math.min(thisYear, ...official.keys());
    const last = Math.max(thisYear + 1, ...official.keys());
    const views: CalendarYearView[] = [];
    for (let year = first; year <= last; year++) {
      const row = official.get(year);
      views.push(
        row
          ? { year, status: 'official', reference: row.reference, title: row.title, importedAt: row.importedAt.toISOString() }
          : { year, status: 'provisional' },
      );
    }
    return views;
  }

  async isOfficial(year: number): Promise<boolean> {
    return (await this.em.count(CalendarYear, { year })) > 0;
  }

  /** Records a corrected status for a day; the caller recomputes the deadlines it moves. */
  async setDay(date: string, isWorkingDay: boolean, note: string, userId: string): Promise<CalendarDayView> {
    assertCalendarDate(date, 'date');
    const updatedAt = new Date();
    await this.em.upsert(CalendarDay, { date, isWorkingDay, note, source: 'manual', updatedBy: userId, updatedAt });
    return { date, isWorkingDay, note, source: 'manual', updatedBy: userId, updatedAt: updatedAt.toISOString() };
  }

  async deadline(start: Date, policyValue: string): Promise<Date> {
    const duration = parseDuration(policyValue);
    return deadlineFrom(start, duration, duration.kind === 'working_days' ? (await this.calendarFrom(start)).isWorkingDay : weekdayRule);
  }

  /** The due time with whether it is provisional and, for working days, the days counted and skipped. */
  async explainDeadline(start: Date, policyValue: string): Promise<DeadlineView> {
    assertCalendarInstant(start, 'from');
    const duration = parseDuration(policyValue);
    if (duration.kind === 'elapsed') return { dueAt: deadlineFrom(start, duration, weekdayRule).toISOString(), provisional: false };
    const calendar = await this.calendarFrom(start);
    const dueAt = deadlineFrom(start, duration, calendar.isWorkingDay);
    assertCalendarInstant(dueAt, 'duration');
    return {
      dueAt: dueAt.toISOString(),
      ...provisionalMark({ from: start, dueAt, deadlinePolicy: policyValue }, (year) => calendar.isProvisional(year)),
      ...explainWorkingDays(start, dueAt, calendar),
    };
  }

  /** When to remind before a due date, or null when that moment is not after `now`. */
  async reminder(due: Date, policyValue: string, now: Date): Promise<Date | null> {
    const before = parseDuration(policyValue);
    const lookup = before.kind === 'working_days' ? (await this.calendarFrom(new Date(due.getTime() - (LOOKUP_WINDOW_DAYS / 2) * 86_400_000))).isWorkingDay : weekdayRule;
    const at = reminderBefore(due, before, lookup);
    return at > now ? at : null;
  }

  provisionalMarker(): Promise<ProvisionalMarker> {
    return loadProvisionalMarker(this.em);
  }

  /** The calendar over the dates from `from` to `to` (ISO dates), with every source resolved. */
  async calendarBetween(from: string, to: string): Promise<WorkingDayCalendar> {
    const [stored, official] = await Promise.all([this.em.find(CalendarDay, { date: { $gte: from, $lte: to } }), this.officialYears()]);
    return new WorkingDayCalendar(stored, official);
  }

  private calendarFrom(start: Date): Promise<WorkingDayCalendar> {
    const from = shanghaiDate(start);
    return this.calendarBetween(from, addDaysIso(from, LOOKUP_WINDOW_DAYS));
  }

  private officialYears(): Promise<Set<number>> {
    return officialYearsOf(this.em);
  }
}

/** The years whose official arrangement the platform holds (the others are provisional). */
async function officialYearsOf(em: EntityManager): Promise<Set<number>> {
  return new Set((await em.find(CalendarYear, {}, { fields: ['year'] })).map((row) => row.year));
}

/** Reads which years are official once, for marking the deadlines of a whole list. */
export async function loadProvisionalMarker(em: EntityManager): Promise<ProvisionalMarker> {
  const official = await officialYearsOf(em);
  return (span) => provisionalMark(span, (year) => !official.has(year));
}

/** A malformed or unbounded duration is the caller's input error, not a server fault. */
export function parseDuration(value: string, field = 'duration'): PolicyDuration {
  try {
    return parsePolicyDuration(value);
  } catch (error) {
    if (error instanceof InvalidPolicyDurationError) {
      throw new RuleViolationError(error.message, [{ field, message: error.message }]);
    }
    throw error;
  }
}

/** A real date (no 30 February) within the years the calendar covers. */
export function assertCalendarDate(value: string, field: string): void {
  const time = ISO_DATE.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== value) {
    throw new InvalidInputError(`${field} must be a calendar date YYYY-MM-DD`, [{ field, message: 'expected a calendar date YYYY-MM-DD' }]);
  }
  const year = Number(value.slice(0, 4));
  if (year < CALENDAR_FIRST_YEAR || year > CALENDAR_LAST_YEAR) {
    throw new InvalidInputError(`${field} must be within ${CALENDAR_FIRST_YEAR}–${CALENDAR_LAST_YEAR}`, [
      { field, message: `the calendar covers ${CALENDAR_FIRST_YEAR}–${CALENDAR_LAST_YEAR}` },
    ]);
  }
}

function assertCalendarInstant(instant: Date, field: string): void {
  const year = Number.isNaN(instant.getTime()) ? NaN : Number(shanghaiDate(instant).slice(0, 4));
  if (!(year >= CALENDAR_FIRST_YEAR && year <= CALENDAR_LAST_YEAR)) {
    throw new RuleViolationError(`the deadline falls outside the calendar's years ${CALENDAR_FIRST_YEAR}–${CALENDAR_LAST_YEAR}`, [
      { field, message: `the calendar covers ${CALENDAR_FIRST_YEAR}–${CALENDAR_LAST_YEAR}` },
    ]);
  }
}
