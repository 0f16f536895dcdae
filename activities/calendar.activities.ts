import { ApplicationFailure, Context } from '@temporalio/activity';
import type { CalendarService } from '../libs/calendar/calendar.service.js';
import { shanghaiDate } from '../libs/calendar/working-days.js';
import type { DeadlineWakeups } from '../libs/calendar-changes/deadline-wakeups.js';
import { calendarImportDueAt, RECOMPUTE_JOB_NOT_COMMITTED } from '../libs/domain/calendar-changes.js';
import type { DeadlineRecomputation } from '../libs/tasks/deadline-recomputation.service.js';

export function calendarActivities(calendar: CalendarService, recomputation: DeadlineRecomputation, wakeups: DeadlineWakeups) {
  return {
    /** One committed batch of a recomputation job, and the wakes it owes; the job's totals. */
    async recomputeDeadlineBatch(jobId: string) {
      if (!(await recomputation.job(jobId))) {
        throw ApplicationFailure.create({ type: RECOMPUTE_JOB_NOT_COMMITTED, message: `recomputation job ${jobId} is not (yet) committed` });
      }
      return wakeups.runBatch(jobId, () => Context.current().heartbeat());
    },
    /** The year the 1 November reminder is about (next year unless given), whether it is official, and the import's deadline. */
    async calendarYearToImport(year?: number) {
      const forYear = year ?? Number(shanghaiDate(new Date()).slice(0, 4)) + 1;
      return { year: forYear, official: await calendar.isOfficial(forYear), dueAt: calendarImportDueAt(forYear) };
    },
  };
}

export type CalendarActivities = ReturnType<typeof calendarActivities>;
