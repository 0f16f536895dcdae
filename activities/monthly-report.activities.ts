import { monthOf } from '../libs/domain/reporting-periods.js';
import type { TaskCompletion } from '../libs/domain/task-kinds.js';
import type { MonthlyReportService } from '../libs/monthly-reports/monthly-report.service.js';
import type { OpenMonthlyReportRound } from '../libs/monthly-reports/open-monthly-report-round.usecase.js';

export function monthlyReportActivities(reports: MonthlyReportService, openRound: OpenMonthlyReportRound) {
  return {
    async recordMonthlyReport(completion: TaskCompletion) {
      const { figures, progress, problems, late, submittedAt } = await reports.submit(completion);
      return { figures, progress, problems, late: late!, submittedAt: submittedAt!.toISOString() };
    },
    /** The monthly schedule's step: opens (or finishes opening) the current month's round. */
    openCurrentMonthlyReportRound: () => openRound.execute({ month: monthOf(new Date()), openedBy: null, ifAlreadyOpen: 'resume' }),
  };
}

export type MonthlyReportActivities = ReturnType<typeof monthlyReportActivities>;
