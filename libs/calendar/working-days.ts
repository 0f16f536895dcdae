export type IsWorkingDay = (isoDate: string) => boolean;

// Asia/Shanghai has been UTC+08:00 without DST since 1991, so a fixed offset is exact.
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
// No real calendar has a run of non-working days this long; stops a broken lookup from looping forever.
const MAX_CONSECUTIVE_NON_WORKING_DAYS = 366;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isoDateToUtcMs(isoDate: string): number {
  const m = ISO_DATE.exec(isoDate);
  const ms = m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) : NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== isoDate) {
    throw new RangeError(`Invalid ISO date "${isoDate}", expected YYYY-MM-DD`);
  }
  return ms;
}

function assertPositiveInteger(n: number): void {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new RangeError(`Number of working days must be a positive integer, got ${n}`);
  }
}

/** The calendar date (YYYY-MM-DD) of an instant in Asia/Shanghai. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

export function addDaysIso(isoDate: string, days: number): string {
  return new Date(isoDateToUtcMs(isoDate) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Fallback for dates the official calendar does not list: Monday to Friday are working days. */
export function weekdayRule(isoDate: string): boolean {
  const weekday = new Date(isoDateToUtcMs(isoDate)).getUTCDay();
  return weekday >= 1 && weekday <= 5;
}

/** Builds a lookup from explicit calendar entries, falling back to `fallback` for unlisted dates. */
export function workingDayLookup(
  entries: Iterable<{ date: string; isWorkingDay: boolean }>,
  fallback: IsWorkingDay = weekdayRule,
): IsWorkingDay {
  const known = new Map<string, boolean>();
  for (const e of entries) known.set(e.date, e.isWorkingDay);
  return (isoDate) => known.get(isoDate) ?? fallback(isoDate);
}

function stepWorkingDays(
  startDate: string,
  n: number,
  direction: 1 | -1,
  isWorkingDay: IsWorkingDay,
): string {
  assertPositiveInteger(n);
  let date = startDate;
  let skipped = 0;
  while (n > 0) {
    date = addDaysIso(date, direction);
    if (isWorkingDay(date)) {
      n--;
      skipped = 0;
    } else if (++skipped > MAX_CONSECUTIVE_NON_WORKING_DAYS) {
      throw new Error(`No working day found within ${MAX_CONSECUTIVE_NON_WORKING_DAYS} days of ${date}`);
    }
  }
  return date;
}

/**
 * Deadline of `n` working days after an event: the end (23:59:59.999 Asia/Shanghai) of the n-th
 * working day after the event's Shanghai calendar day; the event's own day never counts.
 */
export function addWorkingDays(from: Date, n: number, isWorkingDay: IsWorkingDay): Date {
  const date = stepWorkingDays(shanghaiDate(from), n, 1, isWorkingDay);
  return new Date(`${date}T23:59:59.999+08:00`);
}

/** Reminder time: 09:00 Asia/Shanghai of the n-th working day before the due instant's Shanghai calendar day. */
export function workingDaysBefore(due: Date, n: number, isWorkingDay: IsWorkingDay): Date {
  const date = stepWorkingDays(shanghaiDate(due), n, -1, isWorkingDay);
  return new Date(`${date}T09:00:00.000+08:00`);
}

/** A PostgreSQL `date` as the driver hands it over (text, or a Date at local midnight), as YYYY-MM-DD. */
export function dateColumnText(value: string | Date): string {
  if (typeof value === 'string') return value.slice(0, 10);
  return new Date(value.getTime() - value.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}
