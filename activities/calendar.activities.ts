import { ApplicationFailure, Context } from '@temporalio/activity';
import type { CalendarService } from '../libs/calendar/calendar.service.js';
import { shanghaiDate } from '../libs/calendar/working-days.js';
import type { DeadlineWakeups } from '../libs/calendar-changes/deadline-wakeups.js';
import { calendarImportDueAt, RECOMPUTE_JOB_NOT_COMMITTED } from '../libs/domain/calendar-changes.js';
import type { DeadlineRecomputation } from '../libs/tasks/deadline-recomputation.service.js';

/** Attempts (about a second apart) to find a job whose transaction has not committed yet. */
const JOB_VISIBILITY_ATTEMPTS = 30;

export function calendarActivities(calendar: CalendarService, recomputation: DeadlineRecomputation, wakeups: DeadlineWakeups) {
  return {
    /** One committed batch of a recomputation job; the job's totals. */
    async recomputeDeadlineBatch(jobId: string) {
      if (!(await recomputation.job(jobId))) {
        // Not committed yet, or never (its transaction rolled back): give up after a while, not for ever.
        throw ApplicationFailure.create({
          type: RECOMPUTE_JOB_NOT_COMMITTED,
          message: `recomputation job ${jobId} is not (yet) committed`,
          nonRetryable: Context.current().info.attempt >= JOB_VISIBILITY_ATTEMPTS,
        });
      }
      return wakeups.runBatch(jobId);
    },
    /** Tells the next workflows whose deadline came earlier, soonest-acting first; how many are left. */
    deliverDeadlineWakes: (jobId: string) => wakeups.deliver(jobId, () => Context.current().heartbeat()),
    /** The year the 1 November reminder is about (next year unless given), whether it is official, and the import's deadline. */
    async calendarYearToImport(year?: number) {
      const forYear = year ?? Number(shanghaiDate(new Date()).slice(0, 4)) + 1;
      return { year: forYear, official: await calendar.isOfficial(forYear), dueAt: calendarImportDueAt(forYear) };
    },
  };
}

export type CalendarActivities = ReturnType<typeof calendarActivities>;
