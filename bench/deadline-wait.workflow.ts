import { condition, setHandler } from '@temporalio/workflow';
import { taskDeadlineChangedSignal } from '../workflows/lib/task-messages.js';

/**
 * Stands in for the processes that own the benchmark's tasks: counts the `taskDeadlineChanged` signals for its
 * tasks and ends, with the time of the last, once each of them has been told.
 */
export async function deadlineWaitWorkflow(expectedSignals: number): Promise<number> {
  const told = new Set<string>();
  let lastAt = 0;
  setHandler(taskDeadlineChangedSignal, ({ taskId }) => {
    told.add(taskId);
    lastAt = Date.now();
  });
  await condition(() => told.size >= expectedSignals);
  return lastAt;
}

export { calendarRecomputeWorkflow } from '../workflows/calendar-recompute.workflow.js';
