import { useCalendarDays } from '../api/hooks/calendar';
import { dayjs, formatDate, inZone, today } from './time';

/**
 * Working days left until a deadline, counted on the platform's calendar (GET /calendar/days, holidays and 调休
 * included): the working days after today up to and including the due day (a deadline of N working days falls at the end
 * of the N-th working day after its start, so a task opened today with 3 working days shows 剩余3个工作日).
 */
export function workingDaysLeft(
  days: { date: string; isWorkingDay: boolean }[],
  dueAt: string,
  now = today(),
): number {
  const due = formatDate(dueAt);
  return days.filter((day) => day.isWorkingDay && day.date > now && day.date <= due).length;
}

/** The calendar from today to the latest deadline shown, fetched once for a whole list. */
export function useCountdown(dueDates: string[]) {
  const from = today();
  // The API gives at most 366 days at a time; a deadline beyond that counts the working days within it.
  const cap = dayjs(from).add(365, 'day').format('YYYY-MM-DD');
  const latest = dueDates.map(formatDate).reduce((max, date) => (date > max ? date : max), from);
  const to = latest > cap ? cap : latest;
  const { data, isSuccess } = useCalendarDays(from, to);
  return (dueAt: string): { text: string; overdue: boolean } | undefined => {
    if (inZone(dueAt).isBefore(inZone(new Date()))) return { text: '已逾期', overdue: true };
    if (!isSuccess || !data) return undefined;
    if (formatDate(dueAt) === from) return { text: '今日到期', overdue: false };
    return { text: `剩余${workingDaysLeft(data, dueAt, from)}个工作日`, overdue: false };
  };
}
