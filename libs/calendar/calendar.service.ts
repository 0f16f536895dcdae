import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { CalendarDay } from '../database/entities/index.js';
import { InvalidInputError, RuleViolationError } from '../domain/errors.js';
import { deadlineFrom, InvalidPolicyDurationError, parsePolicyDuration, reminderBefore } from './policy-duration.js';
import { addDaysIso, shanghaiDate, weekdayRule, workingDayLookup, type IsWorkingDay } from './working-days.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Long enough for any configured span of working days plus the longest holiday run. */
const LOOKUP_WINDOW_DAYS = 400;

export interface CalendarDayView {
  date: string;
  isWorkingDay: boolean;
  note: string;
}

/** The working-day calendar stored in Postgres, and the one place deadlines are computed from it. */
@Injectable()
export class CalendarService {
  constructor(private readonly em: EntityManager) {}

  async days(from: string, to: string): Promise<CalendarDayView[]> {
    assertIsoDate(from, 'from');
    assertIsoDate(to, 'to');
    if (from > to) throw new InvalidInputError('from must not be after to');
    if (addDaysIso(from, 366) < to) throw new InvalidInputError('at most 366 days at a time');
    const stored = new Map(
      (await this.em.find(CalendarDay, { date: { $gte: from, $lte: to } })).map((day) => [day.date, day]),
    );
    const result: CalendarDayView[] = [];
    for (let date = from; date <= to; date = addDaysIso(date, 1)) {
      const day = stored.get(date);
      result.push(day ? { date, isWorkingDay: day.isWorkingDay, note: day.note } : { date, isWorkingDay: weekdayRule(date), note: '' });
    }
    return result;
  }

  /** Records an official or corrected status for a day; the caller recomputes the deadlines it moves. */
  async setDay(date: string, isWorkingDay: boolean, note: string, userId: string): Promise<CalendarDayView> {
    assertIsoDate(date, 'date');
    await this.em.upsert(CalendarDay, { date, isWorkingDay, note, source: 'manual', updatedBy: userId, updatedAt: new Date() });
    return { date, isWorkingDay, note };
  }

  async deadline(start: Date, policyValue: string): Promise<Date> {
    const duration = parseDuration(policyValue);
    const lookup = duration.kind === 'working_days' ? await this.lookupFrom(start) : weekdayRule;
    return deadlineFrom(start, duration, lookup);
  }

  /** When to remind before a due date, or null when that moment is not after `now`. */
  async reminder(due: Date, policyValue: string, now: Date): Promise<Date | null> {
    const before = parseDuration(policyValue);
    const lookup = before.kind === 'working_days' ? await this.lookupFrom(addDays(due, -LOOKUP_WINDOW_DAYS / 2)) : weekdayRule;
    const at = reminderBefore(due, before, lookup);
    return at > now ? at : null;
  }

  private async lookupFrom(start: Date): Promise<IsWorkingDay> {
    const from = shanghaiDate(start);
    const rows = await this.em.find(CalendarDay, { date: { $gte: from, $lte: addDaysIso(from, LOOKUP_WINDOW_DAYS) } });
    return workingDayLookup(rows);
  }
}

/** A malformed duration is the caller's input error, not a server fault. */
export function parseDuration(value: string, field = 'duration') {
  try {
    return parsePolicyDuration(value);
  } catch (error) {
    if (error instanceof InvalidPolicyDurationError) {
      throw new RuleViolationError(error.message, [{ field, message: error.message }]);
    }
    throw error;
  }
}

function addDays(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * 86_400_000);
}

function assertIsoDate(value: string, field: string) {
  if (!ISO_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new InvalidInputError(`${field} must be a date YYYY-MM-DD`, [{ field, message: 'expected YYYY-MM-DD' }]);
  }
}

