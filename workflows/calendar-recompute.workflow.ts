import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { CalendarActivities } from '../activities/calendar.activities.js';
import { RECOMPUTE_JOB_NOT_COMMITTED } from '../libs/domain/calendar-changes.js';
import { activityRetry } from './lib/activity-retry.js';

export interface CalendarRecomputeInput {
  jobId: string;
}

export type CalendarRecomputeResult = { status: 'done'; moved: number; woken: number } | { status: 'no_job' };

const { recomputeDeadlineBatch, deliverDeadlineWakes } = proxyActivities<CalendarActivities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '1 minute',
  // Retried while the database or Temporal is away; a job that never committed is given up by the activity itself.
  retry: { ...activityRetry('30 seconds'), initialInterval: '1 second', backoffCoefficient: 1 },
});

/**
 * Recomputes the open deadlines a calendar change touches, one committed batch after another, then wakes the
 * workflows whose deadline or reminder moved earlier, those that must act soonest first. Each batch resumes from the job's cursor in the
 * database, so a worker killed half-way leaves nothing half-moved and the next attempt goes on from there.
 */
export async function calendarRecomputeWorkflow(input: CalendarRecomputeInput): Promise<CalendarRecomputeResult> {
  for (;;) {
    let batch: Awaited<ReturnType<typeof recomputeDeadlineBatch>>;
    try {
      batch = await recomputeDeadlineBatch(input.jobId);
    } catch (error) {
      if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure && error.cause.type === RECOMPUTE_JOB_NOT_COMMITTED) {
        return { status: 'no_job' };
      }
      throw error;
    }
    if (batch.status === 'done') {
      // Every deadline is right in the database now; then the workflows that must act sooner than they would.
      while ((await deliverDeadlineWakes(input.jobId)).remaining > 0);
      return { status: 'done', moved: batch.moved, woken: batch.woken };
    }
  }
}
