import { proxyActivities } from '@temporalio/workflow';
import type { MonthlyReportActivities } from '../activities/monthly-report.activities.js';
import { activityRetry } from './lib/activity-retry.js';

const { openCurrentMonthlyReportRound } = proxyActivities<MonthlyReportActivities>({ startToCloseTimeout: '5 minutes', retry: activityRetry() });

/** Run by the monthly schedule on the 1st: opens the month's reports for every reporting department. */
export async function monthlyReportRoundWorkflow() {
  return openCurrentMonthlyReportRound();
}
