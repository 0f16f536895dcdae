/**
 * A recomputation job is written in the transaction of the calendar change that starts its workflow; until that
 * transaction commits the job cannot be read, and the batch fails with this type (retried a bounded number of times).
 */
export const RECOMPUTE_JOB_NOT_COMMITTED = 'RecomputeJobNotCommitted';

/** The end of 15 December of the year before: when next year's arrangement must be imported by. */
export function calendarImportDueAt(year: number): string {
  return `${year - 1}-12-15T23:59:59.999+08:00`;
}
