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
