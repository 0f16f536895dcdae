import { allHandlersFinished, condition, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { FilingActivities } from '../activities/filing.activities.js';
import type { MonthlyReportActivities } from '../activities/monthly-report.activities.js';
import type { MonthlyReportSubject } from '../libs/monthly-reports/monthly-report.service.js';
import { HumanTasks } from './lib/human-tasks.js';
import { activityRetry } from './lib/activity-retry.js';

export type MonthlyReportState = { reportId: string; status: 'open' | 'submitted'; late?: boolean };

const { recordMonthlyReport, appendFiling } = proxyActivities<MonthlyReportActivities & FilingActivities>({
  startToCloseTimeout: '30 seconds',
  retry: activityRetry(),
});

/**
 * One department's report for one month (seed 000 六(二)2): its figures are the month's records
 * (counted when read, frozen at submission),
 * due on the 25th, reminded before; past due it is marked overdue and stays open, and a late
 * submission is recorded as late. The submission is filed with the info office.
 */
export async function monthlyReportWorkflow(subject: MonthlyReportSubject): Promise<MonthlyReportState> {
  let state: MonthlyReportState = { reportId: subject.reportId, status: 'open' };
  const tasks = new HumanTasks(() => state);
  const result = await tasks.run({
    taskKey: 'report',
    kind: 'monthly_report',
    title: `报送${subject.month}月度信息资源共享工作进展：${subject.departmentName}`,
    subjectType: 'monthly_report',
    subjectId: subject.reportId,
    assigneeRole: 'staff',
    assigneeDepartmentId: subject.departmentId,
    deadline: { at: subject.dueAt },
    reminder: 'monthlyReport.reminderBefore',
    onDeadline: 'keep_open',
  });
  if (result.status !== 'completed') throw new Error('a monthly_report task only ends by a submission');
  const submitted = await recordMonthlyReport(result.completion);
  await appendFiling({
    kind: 'monthly_report.submitted',
    authority: 'info_office',
    subjectType: 'monthly_report',
    subjectId: subject.reportId,
    departmentIds: [subject.departmentId],
    payload: { month: subject.month, departmentName: subject.departmentName, dueAt: subject.dueAt, submittedBy: result.completion.completedBy, ...submitted },
    idempotencyKey: `${workflowInfo().workflowId}:submitted`,
  });
  state = { ...state, status: 'submitted', late: submitted.late };
  tasks.markSettled();
  await condition(allHandlersFinished);
  return state;
}
