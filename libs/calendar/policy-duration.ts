import { addWorkingDays, workingDaysBefore, type IsWorkingDay } from './working-days.js';

export type PolicyDuration = { kind: 'working_days'; days: number } | { kind: 'elapsed'; ms: number };

export class InvalidPolicyDurationError extends Error {
  constructor(value: string) {
    super(
      `Invalid policy duration ${JSON.stringify(value.slice(0, 64))}: expected "<n>wd" (1 ≤ n ≤ ${MAX_WORKING_DAYS} working days, e.g. "10wd") ` +
        `or a non-zero ISO-8601 duration of at most ${MAX_ELAPSED_DAYS} days in weeks, days, hours, minutes or seconds ` +
        '(e.g. "P3D", "P1W", "PT1H30M", "PT0.5S"); years and months are not accepted',
    );
    this.name = 'InvalidPolicyDurationError';
  }
}

/**
 * No step of a policy lasts longer than a year: the bound keeps one request from counting working days for
 * minutes (a deadline of 200,000 working days once stalled the API for seconds).
 */
export const MAX_WORKING_DAYS = 366;
export const MAX_ELAPSED_DAYS = 366;

const WORKING_DAYS = /^([1-9]\d{0,5})wd$/;
const NUM = '(\\d+(?:[.,]\\d+)?)';
// Deliberately no Y or M in the date part: their length in ms depends on the start date.
const ISO_DURATION = new RegExp(`^P(?:${NUM}W)?(?:${NUM}D)?(?:T(?:${NUM}H)?(?:${NUM}M)?(?:${NUM}S)?)?$`);
const UNIT_MS = [7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000];

export function parsePolicyDuration(value: string): PolicyDuration {
  const wd = WORKING_DAYS.exec(value);
  if (wd) {
    const days = Number(wd[1]);
    if (days > MAX_WORKING_DAYS) throw new InvalidPolicyDurationError(value);
    return { kind: 'working_days', days };
  }

  const iso = ISO_DURATION.exec(value);
  // "P" and "...T" with no component after them match the pattern but are not valid durations.
  if (!iso || value === 'P' || value.endsWith('T')) throw new InvalidPolicyDurationError(value);
  const parts = iso.slice(1);
  const ms = Math.round(
    parts.reduce(
      (sum, part, i) => (part === undefined ? sum : sum + Number(part.replace(',', '.')) * UNIT_MS[i]),
      0,
    ),
  );
  if (!Number.isSafeInteger(ms) || ms < 1 || ms > MAX_ELAPSED_DAYS * 86_400_000) throw new InvalidPolicyDurationError(value);
  return { kind: 'elapsed', ms };
}

export function deadlineFrom(start: Date, duration: PolicyDuration, isWorkingDay: IsWorkingDay): Date {
  return duration.kind === 'working_days'
    ? addWorkingDays(start, duration.days, isWorkingDay)
    : new Date(start.getTime() + duration.ms);
}

export function reminderBefore(due: Date, before: PolicyDuration, isWorkingDay: IsWorkingDay): Date {
  return before.kind === 'working_days'
    ? workingDaysBefore(due, before.days, isWorkingDay)
    : new Date(due.getTime() - before.ms);
}
