import { createHash } from 'node:crypto';
import { z } from 'zod';
import { InvalidInputError, RuleViolationError } from '../domain/errors.js';
import type { CalendarDayEntry } from './official-calendar.js';
import { addDaysIso, weekdayRule } from './working-days.js';

/**
 * A year's official holiday arrangement, as the State Council's notice (国务院办公厅关于XXXX年部分节假日安排的
 * 通知) publishes it: the holiday periods and the adjusted working days (调休上班), with the notice's reference.
 */
export interface HolidayArrangement {
  reference: string;
  title?: string;
  holidays: { name: string; from: string; to: string }[];
  workdays: { name: string; date: string }[];
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const name = z.string().trim().min(1).max(40);

/** The JSON form of an arrangement (the API's body and the CLI's .json file). */
export const arrangementSchema = z.strictObject({
  reference: z.string().trim().min(1).max(100),
  title: z.string().trim().min(1).max(200).optional(),
  holidays: z.array(z.strictObject({ name, from: isoDate, to: isoDate })).min(1).max(50),
  workdays: z.array(z.strictObject({ name, date: isoDate })).max(50).default([]),
});

type Problem = { field: string; message: string };

/** Reads the JSON form; malformed is 400 with each field's problem. */
export function parseJsonArrangement(value: unknown): HolidayArrangement {
  const parsed = arrangementSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(body)', message: issue.message }));
  throw new InvalidInputError(`invalid arrangement: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, errors);
}

const MAX_ICS_BYTES = 512 * 1024;
const MAX_ICS_EVENTS = 100;

/**
 * Reads an iCalendar file of all-day events as the published holiday feeds write them: `SUMMARY:春节(休)`
 * for a holiday period (DTEND exclusive, as RFC 5545 says of DATE values) and `SUMMARY:春节(班)` (or 上班,
 * 补班) for an adjusted working day. The reference comes from the upload's field or `X-GOV-REFERENCE`.
 */
export function parseIcsArrangement(text: string, fields: { reference?: string; title?: string } = {}): HolidayArrangement {
  if (Buffer.byteLength(text) > MAX_ICS_BYTES) throw new InvalidInputError(`the .ics file is larger than ${MAX_ICS_BYTES / 1024} KB`);
  // RFC 5545 §3.1: a line starting with a space or tab continues the previous one.
  const lines = text.replace(/\r\n/g, '\n').replace(/\n[ \t]/g, '').split('\n');
  if (lines[0]?.trim() !== 'BEGIN:VCALENDAR') throw new InvalidInputError('not an iCalendar file: it must start with BEGIN:VCALENDAR');
  const holidays: HolidayArrangement['holidays'] = [];
  const workdays: HolidayArrangement['workdays'] = [];
  let calendarReference: string | undefined;
  let calendarTitle: string | undefined;
  let event: Record<string, string> | undefined;
  let events = 0;
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon < 0) throw new InvalidInputError(`line ${index + 1} of the .ics file is not "NAME:value"`);
    const [property, ...parameters] = line.slice(0, colon).split(';');
    const value = unescapeText(line.slice(colon + 1).trim());
    const key = property.toUpperCase();
    if (key === 'BEGIN' && value === 'VEVENT') {
      if (++events > MAX_ICS_EVENTS) throw new InvalidInputError(`the .ics file has more than ${MAX_ICS_EVENTS} events`);
      event = {};
    } else if (key === 'END' && value === 'VEVENT') {
      if (!event) throw new InvalidInputError(`line ${index + 1}: END:VEVENT without BEGIN:VEVENT`);
      addEvent(event, events, holidays, workdays);
      event = undefined;
    } else if (event) {
      if (key === 'DTSTART' || key === 'DTEND') event[key] = icsDate(value, parameters, `event ${events} ${key}`);
      else if (key === 'SUMMARY') event.SUMMARY = value;
    } else if (key === 'X-GOV-REFERENCE') calendarReference = value;
    else if (key === 'X-WR-CALNAME') calendarTitle = value;
  }
  if (event) throw new InvalidInputError('the .ics file ends inside an event (no END:VEVENT)');
  return parseJsonArrangement({
    reference: fields.reference ?? calendarReference,
    ...((fields.title ?? calendarTitle) ? { title: fields.title ?? calendarTitle } : {}),
    holidays,
    workdays,
  });
}

function addEvent(
  event: Record<string, string>,
  number: number,
  holidays: HolidayArrangement['holidays'],
  workdays: HolidayArrangement['workdays'],
): void {
  const { DTSTART: from, DTEND: endExclusive, SUMMARY: summary } = event;
  if (!from || !summary) throw new InvalidInputError(`event ${number} of the .ics file needs DTSTART and SUMMARY`);
  const to = endExclusive ? addDaysIso(endExclusive, -1) : from;
  const working = /[(（]\s*班\s*[)）]|上班|补班/.test(summary);
  const name = summary.replace(/[(（]\s*[休班]\s*[)）]/g, '').replace(/调休上班|补班|上班/g, '').trim() || summary;
  if (!working) {
    holidays.push({ name, from, to });
    return;
  }
  for (let date = from; date <= to; date = addDaysIso(date, 1)) workdays.push({ name, date });
}

function icsDate(value: string, parameters: string[], where: string): string {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!match || !parameters.some((p) => p.toUpperCase() === 'VALUE=DATE')) {
    throw new InvalidInputError(`${where}: expected an all-day date (;VALUE=DATE:YYYYMMDD), got "${value}"`);
  }
  const date = `${match[1]}-${match[2]}-${match[3]}`;
  if (!isValidDate(date)) throw new InvalidInputError(`${where}: ${date} is not a calendar date`);
  return date;
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

function isValidDate(date: string): boolean {
  const time = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === date;
}

/**
 * What an arrangement for `year` must satisfy: real dates inside the year, periods in order that do not
 * overlap, adjusted working days on weekends (a weekday is a working day anyway) and never inside a holiday
 * period, no date given twice. Refused as a whole (422), each problem with its field.
 */
export function arrangementProblems(year: number, arrangement: HolidayArrangement): Problem[] {
  const problems: Problem[] = [];
  const inYear = (date: string) => date.startsWith(`${year}-`);
  const offDays = new Map<string, string>();
  arrangement.holidays.forEach((period, i) => {
    const field = `holidays.${i}`;
    let datesValid = true;
    for (const end of ['from', 'to'] as const) {
      const problem = !isValidDate(period[end]) ? 'is not a calendar date' : !inYear(period[end]) ? `is outside ${year}` : undefined;
      if (problem) problems.push({ field: `${field}.${end}`, message: `${period[end]} ${problem}` });
      datesValid &&= problem === undefined;
    }
    if (!datesValid) return;
    if (period.from > period.to) {
      problems.push({ field, message: `the period ${period.name} ends (${period.to}) before it starts (${period.from})` });
      return;
    }
    for (let date = period.from; date <= period.to; date = addDaysIso(date, 1)) {
      const other = offDays.get(date);
      if (other !== undefined) problems.push({ field, message: `${date} of ${period.name} is already in the period ${other}` });
      offDays.set(date, period.name);
    }
  });
  const workdays = new Set<string>();
  arrangement.workdays.forEach((day, i) => {
    const field = `workdays.${i}.date`;
    if (!isValidDate(day.date)) problems.push({ field, message: `${day.date} is not a calendar date` });
    else if (!inYear(day.date)) problems.push({ field, message: `${day.date} is outside ${year}` });
    else if (offDays.has(day.date)) problems.push({ field, message: `${day.date} is both a holiday (${offDays.get(day.date)}) and an adjusted working day` });
    else if (workdays.has(day.date)) problems.push({ field, message: `${day.date} is listed twice as an adjusted working day` });
    else if (weekdayRule(day.date)) problems.push({ field, message: `${day.date} is a weekday, a working day anyway: an adjusted working day is a Saturday or Sunday` });
    workdays.add(day.date);
  });
  return problems;
}

/** Checks the arrangement for `year`, refusing it with every problem (422). */
export function assertValidArrangement(year: number, arrangement: HolidayArrangement): void {
  const problems = arrangementProblems(year, arrangement);
  if (problems.length > 0) {
    throw new RuleViolationError(`the arrangement for ${year} is not valid: ${problems.map((p) => p.message).join('; ')}`, problems);
  }
}

/** The days to store: each holiday day not working, each adjusted working day working. */
export function arrangementDays(arrangement: HolidayArrangement): CalendarDayEntry[] {
  const days: CalendarDayEntry[] = [];
  for (const period of arrangement.holidays) {
    for (let date = period.from; date <= period.to; date = addDaysIso(date, 1)) days.push({ date, isWorkingDay: false, note: period.name });
  }
  for (const day of arrangement.workdays) days.push({ date: day.date, isWorkingDay: true, note: `${day.name}调休上班` });
  return days.sort((a, b) => a.date.localeCompare(b.date));
}

/** Identifies an arrangement by its content (its days and reference), whatever the file's form: a re-import of the same notice changes nothing. */
export function arrangementHash(arrangement: HolidayArrangement): string {
  const canonical = JSON.stringify({ reference: arrangement.reference, days: arrangementDays(arrangement) });
  return createHash('sha256').update(canonical).digest('hex');
}
