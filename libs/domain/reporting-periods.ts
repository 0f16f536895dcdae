/**
 * Calendar months in Asia/Shanghai (UTC+08:00 without DST since 1991), as the monthly report
 * obligation of seed 000 六(二)2 counts them: "每月25日前向市信息办报送当月工作进展及存在的问题".
 */
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const SHANGHAI_OFFSET = '+08:00';

export type MonthKey = `${number}-${string}`;

export function isMonthKey(value: string): value is MonthKey {
  return MONTH.test(value);
}

/** The month (YYYY-MM) an instant falls in, in Asia/Shanghai. */
export function monthOf(instant: Date): MonthKey {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 7) as MonthKey;
}

/** The next month's key. */
export function nextMonth(month: MonthKey): MonthKey {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return (m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`) as MonthKey;
}

/** [first instant of the month, first instant of the next) in Asia/Shanghai. */
export function monthPeriod(month: MonthKey): { from: Date; to: Date } {
  return { from: new Date(`${month}-01T00:00:00${SHANGHAI_OFFSET}`), to: new Date(`${nextMonth(month)}-01T00:00:00${SHANGHAI_OFFSET}`) };
}

/** The report of a month is due by the end of its 25th day. */
export function monthlyReportDueAt(month: MonthKey): Date {
  return new Date(`${month}-25T23:59:59.999${SHANGHAI_OFFSET}`);
}

/** Every month key from `from` to `to`, both included. */
export function monthsBetween(from: MonthKey, to: MonthKey): MonthKey[] {
  const months: MonthKey[] = [];
  for (let month = from; month <= to; month = nextMonth(month)) months.push(month);
  return months;
}

export function previousMonth(month: MonthKey): MonthKey {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return (m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`) as MonthKey;
}

/** Calendar days `from` to `to` (YYYY-MM-DD, both included) in Asia/Shanghai, as a half-open period. */
export function daysPeriod(from: string, to: string): { from: Date; to: Date } {
  const end = new Date(`${to}T00:00:00${SHANGHAI_OFFSET}`);
  return { from: new Date(`${from}T00:00:00${SHANGHAI_OFFSET}`), to: new Date(end.getTime() + 24 * 3600_000) };
}

function shanghaiDay(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** "2026年11月" for a calendar month, else "2026-11-01至2026-11-15" (both days included). */
export function periodLabel(period: { from: Date; to: Date }): string {
  const month = monthOf(period.from);
  const whole = monthPeriod(month);
  if (whole.from.getTime() === period.from.getTime() && whole.to.getTime() === period.to.getTime()) {
    return `${month.slice(0, 4)}年${Number(month.slice(5))}月`;
  }
  return `${shanghaiDay(period.from)}至${shanghaiDay(new Date(period.to.getTime() - 1))}`;
}

/** The first instant of an instant's calendar day in Asia/Shanghai. */
export function startOfShanghaiDay(instant: Date): Date {
  return new Date(`${shanghaiDay(instant)}T00:00:00${SHANGHAI_OFFSET}`);
}
