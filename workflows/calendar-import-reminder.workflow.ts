import { allHandlersFinished, condition, proxyActivities } from '@temporalio/workflow';
import type { CalendarActivities } from '../activities/calendar.activities.js';
import { activityRetry } from './lib/activity-retry.js';
import { HumanTasks } from './lib/human-tasks.js';

export interface CalendarImportReminderState {
  year: number;
  stage: 'official_already' | 'waiting_for_import' | 'imported';
}

const { calendarYearToImport } = proxyActivities<CalendarActivities>({ startToCloseTimeout: '30 seconds', retry: activityRetry() });

/**
 * Run by the yearly schedule on 1 November: while next year's official arrangement is not imported, the info
 * office has a `calendar_import` task due at the end of 15 December, reminded and then marked overdue like any
 * task; importing the year completes it (the import use case sends the completion).
 */
export async function calendarImportReminderWorkflow(input: { year?: number } = {}): Promise<CalendarImportReminderState> {
  const { year, official, dueAt } = await calendarYearToImport(input.year);
  let state: CalendarImportReminderState = { year, stage: official ? 'official_already' : 'waiting_for_import' };
  if (official) return state;
  const tasks = new HumanTasks(() => state);
  const result = await tasks.run({
    taskKey: `calendar-import-${year}`,
    kind: 'calendar_import',
    title: `导入${year}年节假日安排（国务院办公厅通知）`,
    subjectType: 'calendar_year',
    subjectId: String(year),
    assigneeRole: 'info_office',
    assigneeDepartmentId: null,
    deadline: { at: dueAt },
    onDeadline: 'keep_open',
  });
  if (result.status !== 'completed') throw new Error('a calendar_import task only ends by the import');
  state = { ...state, stage: 'imported' };
  tasks.markSettled();
  await condition(allHandlersFinished);
  return state;
}
