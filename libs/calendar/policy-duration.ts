import { addWorkingDays, workingDaysBefore, type IsWorkingDay } from './working-days.js';

export type PolicyDuration = { kind: 'working_days'; days: number } | { kind: 'elapsed'; ms: number };

export class InvalidPolicyDurationError extends Error {
  constructor(value: string) {
    super(
      `Invalid policy duration ${JSON.stringify(value)}: expected "<n>wd" (n ≥ 1 working days, e.g. "10wd") ` +
        'or a non-zero ISO-8601 duration in weeks, days, hours, minutes or seconds ' +
        '(e.g. "P3D", "P1W", "PT1H30M", "PT0.5S"); years and months are not accepted',
    );
    this.name = 'InvalidPolicyDurationError';
  }
}

const WORKING_DAYS = /^([1-9]\d*)wd$/;
const NUM = '(\\d+(?:[.,]\\d+)?)';
// Deliberately no Y or M in the date part: their length in ms depends on the start date.
const ISO_DURATION = new RegExp(`^P(?:${NUM}W)?(?:${NUM}D)?(?:T(?:${NUM}H)?(?:${NUM}M)?(?:${NUM}S)?)?$`);
const UNIT_MS = [7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000];

export function parsePolicyDuration(value: string): PolicyDuration {
  const wd = WORKING_DAYS.exec(value);
  if (wd) {
    const days = Number(wd[1]);
    if (!Number.isSafeInteger(days)) throw new InvalidPolicyDurationError(value);
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
  if (!Number.isSafeInteger(ms) || ms < 1) throw new InvalidPolicyDurationError(value);
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
