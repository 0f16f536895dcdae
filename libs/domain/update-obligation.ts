import { deadlineFrom, type PolicyDuration } from '../calendar/policy-duration.js';
import { shanghaiDate, weekdayRule, type IsWorkingDay } from '../calendar/working-days.js';
import type { UpdateFrequency } from './catalog.js';
import type { PolicyKey } from './policies.js';

/**
 * The update obligation of a published resource (seed 003 三(二)): its declared frequency is a promise,
 * and whatever it declares, it is updated at least once a quarter within the first 10 days of the
 * quarter's first month (尚不具备实时更新条件的单位…应当至少每季度第一个月的前10日内更新一次).
 */

/** Frequencies with an interval of their own; a quarterly resource answers to the floor alone. */
export const INTERVAL_FREQUENCIES = ['realtime', 'daily', 'weekly', 'monthly'] as const;
export type IntervalFrequency = (typeof INTERVAL_FREQUENCIES)[number];

export const UPDATE_INTERVAL_POLICIES = {
  realtime: 'update.interval.realtime',
  daily: 'update.interval.daily',
  weekly: 'update.interval.weekly',
  monthly: 'update.interval.monthly',
} as const satisfies Record<IntervalFrequency, PolicyKey>;

/** `frequency`: the declared interval passed without an update; `quarterly_floor`: seed 003's floor was missed. */
export type UpdateRule = 'frequency' | 'quarterly_floor';

/** Calendar days (Asia/Shanghai) at the start of a quarter's first month within which the floor update falls. */
export const FLOOR_WINDOW_DAYS = 10;

export interface UpdateObligation {
  frequency: UpdateFrequency;
  /** When the resource was first published: its data counts as fresh then. */
  publishedAt: Date;
  /** When updates were recorded, in any order. Only the latest and those inside a floor window matter. */
  updates: readonly Date[];
}

export interface UpdateRuleOptions {
  intervals: Record<IntervalFrequency, PolicyDuration>;
  /** Needed only when an interval is given in working days. */
  isWorkingDay?: IsWorkingDay;
}

export interface DueUpdate {
  rule: UpdateRule;
  dueAt: Date;
  /** The due time has passed with no update to meet it. */
  missed: boolean;
}

export interface FloorWindow {
  /** 00:00 Asia/Shanghai on the 1st of the quarter's first month. */
  opensAt: Date;
  /** The end (23:59:59.999 Asia/Shanghai) of the window's 10th day. */
  dueAt: Date;
}

/** The floor window of the quarter that `at` falls in (Asia/Shanghai calendar). */
export function floorWindowOfQuarter(at: Date): FloorWindow {
  const [year, month] = shanghaiDate(at).split('-').map(Number) as [number, number];
  return floorWindow(year, month - ((month - 1) % 3));
}

/** The latest floor window whose due time has passed: this quarter's once its 10th day is over, else the last quarter's. */
export function latestPassedFloorWindow(now: Date): FloorWindow {
  const current = floorWindowOfQuarter(now);
  if (current.dueAt < now) return current;
  const [year, month] = shanghaiDate(current.opensAt).split('-').map(Number) as [number, number];
  return month === 1 ? floorWindow(year - 1, 10) : floorWindow(year, month - 3);
}

function floorWindow(year: number, firstMonth: number): FloorWindow {
  const prefix = `${year}-${String(firstMonth).padStart(2, '0')}`;
  const lastDay = String(FLOOR_WINDOW_DAYS).padStart(2, '0');
  return { opensAt: new Date(`${prefix}-01T00:00:00.000+08:00`), dueAt: new Date(`${prefix}-${lastDay}T23:59:59.999+08:00`) };
}

/**
 * When the next update falls due by the declared frequency: one interval after the latest update
 * (or the publication, before any). Undefined for quarterly resources, which have only the floor.
 */
export function frequencyDueAt(obligation: UpdateObligation, options: UpdateRuleOptions): Date | undefined {
  if (obligation.frequency === 'quarterly') return undefined;
  const latest = Math.max(obligation.publishedAt.getTime(), ...obligation.updates.map((update) => update.getTime()));
  return deadlineFrom(new Date(latest), options.intervals[obligation.frequency], options.isWorkingDay ?? weekdayRule);
}

/**
 * The floor due by `now`: the latest passed window, when the resource was published by its due time.
 * Missed when neither the publication nor any update falls inside the window.
 */
export function floorDue(obligation: UpdateObligation, now: Date): DueUpdate | undefined {
  const window = latestPassedFloorWindow(now);
  if (obligation.publishedAt > window.dueAt) return undefined;
  const inWindow = (at: Date) => at >= window.opensAt && at <= window.dueAt;
  const met = inWindow(obligation.publishedAt) || obligation.updates.some(inWindow);
  return { rule: 'quarterly_floor', dueAt: window.dueAt, missed: !met };
}

/** Each rule's due update as of `now` and whether it was missed. */
export function dueUpdates(obligation: UpdateObligation, now: Date, options: UpdateRuleOptions): DueUpdate[] {
  const due: DueUpdate[] = [];
  const byFrequency = frequencyDueAt(obligation, options);
  if (byFrequency) due.push({ rule: 'frequency', dueAt: byFrequency, missed: byFrequency < now });
  const floor = floorDue(obligation, now);
  if (floor) due.push(floor);
  return due;
}

export function missedUpdates(obligation: UpdateObligation, now: Date, options: UpdateRuleOptions): DueUpdate[] {
  return dueUpdates(obligation, now, options).filter((due) => due.missed);
}
