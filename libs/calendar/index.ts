export {
  type IsWorkingDay,
  shanghaiDate,
  weekdayRule,
  addDaysIso,
  addWorkingDays,
  workingDaysBefore,
  workingDayLookup,
} from './working-days.js';
export {
  type PolicyDuration,
  InvalidPolicyDurationError,
  parsePolicyDuration,
  deadlineFrom,
  reminderBefore,
} from './policy-duration.js';
export { type CalendarDayEntry, officialCalendarEntries, officialYears } from './official-calendar.js';
